using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NodaTime;
using SecondChance.Cases;

namespace SecondChance.Samples.Web.Api;

/// <summary>Describes in OpenAPI the types whose JSON comes from custom converters: dates, job levels, the case document and its events.</summary>
internal static class OpenApiSchemas
{
    public static Task Describe(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(LocalDate))
        {
            Fill(schema, Date());
        }
        else if (type == typeof(CaseEvent))
        {
            Fill(schema, Event());
        }
        else if (type == typeof(RunnerUpCase))
        {
            Fill(schema, Case());
        }
        else if (type == typeof(JobLevel))
        {
            Fill(schema, new OpenApiSchema { Type = JsonSchemaType.String, Examples = [JsonValue.Create("MiddleManagement")] });
        }

        return Task.CompletedTask;
    }

    /// <summary>The descriptions of the document's tags, and server URLs without a trailing slash.</summary>
    public static void DescribeDocument(OpenApiDocument document)
    {
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var (name, description) in TagDescriptions)
        {
            if (document.Tags.FirstOrDefault(t => t.Name == name) is { } tag)
            {
                tag.Description ??= description;
            }
            else
            {
                document.Tags.Add(new OpenApiTag { Name = name, Description = description });
            }
        }
    }

    private static readonly (string Name, string Description)[] TagDescriptions =
    [
        ("Cases", "Store a runner-up case, record what happened, and get its next action, its ten-step plan and the daily agenda."),
        ("Notes", "Draft the thank-you note of steps 5 and 6 from a case, and check a note before it is sent."),
        ("Calendar", "A case's upcoming actions as an iCalendar file."),
        ("Stats", "How the tenant's cases turned out, per job level."),
        ("Openings", "Job openings a board has seen, recorded on the tenant's matching open cases."),
        ("Health", "Probes for an orchestrator; they need no API key."),
        ("Candidate links", "Links that let a candidate open one case without the tenant's key: issue one, valid for 1 to 90 days, or revoke it."),
        ("Intake", "Runner-up notices from an applicant tracking system (Greenhouse, Lever, or a signed document of our own); the signature is the authentication, no API key."),
        ("Reminders", "Reminders sent when a case's next action comes due: run the sweep now, a case's reminders and their delivery state, and the delivery log of failed ones."),
    ];

    private static void Fill(OpenApiSchema target, OpenApiSchema source)
    {
        target.Type = source.Type;
        target.Format = source.Format;
        target.Properties = source.Properties;
        target.Required = source.Required;
        target.Examples = source.Examples;
    }

    private static OpenApiSchema Date() => new() { Type = JsonSchemaType.String, Format = "date", Examples = [JsonValue.Create("2026-03-06")] };

    private static OpenApiSchema Text(string? format = null) => new() { Type = JsonSchemaType.String, Format = format };

    private static OpenApiSchema OneOf<TEnum>()
        where TEnum : struct, Enum => new()
        {
            Type = JsonSchemaType.String,
            Enum = Enum.GetNames<TEnum>().Select(n => (JsonNode)JsonValue.Create(n)).ToList(),
        };

    private static OpenApiSchema Event() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "type", "on" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = OneOf<CaseEventType>(),
            ["on"] = Date(),
            ["gaps"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text(), Description = "FeedbackRecorded: where they said you fell short." },
            ["channel"] = OneOf<NoteChannel>(),
            ["outcome"] = OneOf<FollowUpOutcome>(),
            ["respondBy"] = Date(),
            ["reason"] = OneOf<CloseReason>(),
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "OpeningSeen: the opening's title as posted." },
            ["url"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", Description = "OpeningSeen: where the opening is posted." },
            ["match"] = OneOf<OpeningMatch>(),
        },
        Examples = [JsonNode.Parse("""{ "type": "NoteSent", "on": "2026-03-06", "channel": "Email" }""")!],
    };

    private static OpenApiSchema Case() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "candidate", "company", "role", "level", "events" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["candidate"] = Text(),
            ["company"] = Text(),
            ["role"] = Text(),
            ["level"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "IndividualContributor, MiddleManagement, SeniorExecutive, or a level the tenant configured." },
            ["timeZone"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "IANA time zone id; the default is UTC." },
            ["contact"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object | JsonSchemaType.Null,
                Properties = new Dictionary<string, IOpenApiSchema> { ["name"] = Text(), ["email"] = Text("email") },
            },
            ["events"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Event() },
        },
        Examples =
        [
            JsonNode.Parse("""
            { "candidate": "Alex Rivera", "company": "Contoso", "role": "Engineering Manager", "level": "MiddleManagement",
              "timeZone": "America/Los_Angeles", "events": [ { "type": "Notified", "on": "2026-03-06" } ] }
            """)!,
        ],
    };
}
