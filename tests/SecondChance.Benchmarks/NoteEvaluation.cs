using System.Globalization;
using System.Text;
using System.Text.Json;
using SecondChance.Notes;

namespace SecondChance.Benchmarks;

/// <summary>One labelled item of a note evaluation set: a gap, a paragraph and the verdict a careful reader gives.</summary>
internal sealed record NoteEvaluationItem(int Line, string Gap, string Paragraph, GapVerdict Expected);

/// <summary>What <see cref="GapJudge"/> made of an evaluation set: the confusion of expected against judged verdicts.</summary>
internal sealed class NoteEvaluationReport
{
    private static readonly GapVerdict[] Verdicts = [GapVerdict.Answered, GapVerdict.ClaimWithoutExample, GapVerdict.NotAnswered];

    public NoteEvaluationReport(IReadOnlyList<(NoteEvaluationItem Item, GapAnswer Judged)> results) => Results = results;

    public IReadOnlyList<(NoteEvaluationItem Item, GapAnswer Judged)> Results { get; }

    public double Accuracy => Results.Count == 0 ? 0 : Results.Count(r => r.Item.Expected == r.Judged.Verdict) / (double)Results.Count;

    public double Precision(GapVerdict v)
    {
        var judged = Results.Count(r => r.Judged.Verdict == v);
        return judged == 0 ? 0 : Results.Count(r => r.Judged.Verdict == v && r.Item.Expected == v) / (double)judged;
    }

    public double Recall(GapVerdict v)
    {
        var expected = Results.Count(r => r.Item.Expected == v);
        return expected == 0 ? 0 : Results.Count(r => r.Judged.Verdict == v && r.Item.Expected == v) / (double)expected;
    }

    public IEnumerable<(NoteEvaluationItem Item, GapAnswer Judged)> Misses => Results.Where(r => r.Item.Expected != r.Judged.Verdict);

    /// <summary>The table per verdict, then the summary line <c>notes: accuracy=... answered_precision=... answered_recall=...</c>.</summary>
    public string Format(bool listMisses)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"verdict",-22} {"expected",8} {"judged",8} {"precision",10} {"recall",8}");
        foreach (var v in Verdicts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{Name(v),-22} {Results.Count(r => r.Item.Expected == v),8} {Results.Count(r => r.Judged.Verdict == v),8} {Precision(v),10:0.000} {Recall(v),8:0.000}");
        }

        if (listMisses)
        {
            foreach (var (item, judged) in Misses)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"miss line {item.Line}: expected {Name(item.Expected)}, judged {Name(judged.Verdict)} [{judged.Concept}|{judged.Matched}|{judged.Claim}|{judged.Example}] gap \"{item.Gap}\": {item.Paragraph}");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"notes: accuracy={Accuracy:0.000} answered_precision={Precision(GapVerdict.Answered):0.000} answered_recall={Recall(GapVerdict.Answered):0.000}");
        return text.ToString();
    }

    /// <summary>The verdict's name in the evaluation files.</summary>
    public static string Name(GapVerdict v) => v switch
    {
        GapVerdict.Answered => "answered",
        GapVerdict.ClaimWithoutExample => "claim",
        _ => "unrelated",
    };
}

/// <summary>
/// Reads a note evaluation set (JSON lines: <c>{"gap": ..., "paragraph": ..., "verdict": "answered" | "claim" | "unrelated"}</c>)
/// and judges every item with <see cref="GapJudge.Judge(string, string)"/>.
/// </summary>
internal static class NoteEvaluation
{
    /// <summary>The evaluation set kept in the repository, copied next to the program.</summary>
    public static string DefaultFile => Path.Combine(AppContext.BaseDirectory, "notes-evaluation.jsonl");

    public static IReadOnlyList<NoteEvaluationItem> Read(string path)
    {
        var items = new List<NoteEvaluationItem>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                var gap = Text(root, "gap");
                var paragraph = Text(root, "paragraph");
                var verdict = Text(root, "verdict") switch
                {
                    "answered" => GapVerdict.Answered,
                    "claim" => GapVerdict.ClaimWithoutExample,
                    "unrelated" => GapVerdict.NotAnswered,
                    var other => throw new FormatException($"verdict '{other}' is not answered, claim or unrelated"),
                };
                items.Add(new NoteEvaluationItem(number, gap, paragraph, verdict));
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                throw new FormatException($"{path}, line {number}: {ex.Message}", ex);
            }
        }

        return items;
    }

    public static NoteEvaluationReport Run(IEnumerable<NoteEvaluationItem> items) =>
        new(items.Select(i => (i, GapJudge.Judge(i.Gap, i.Paragraph))).ToArray());

    /// <summary>The <c>--notes</c> mode: evaluates the set in the repository or the file given with <c>--notes-file PATH</c>.</summary>
    public static int RunCommand(string[] args)
    {
        var at = Array.IndexOf(args, "--notes-file");
        if (at >= 0 && at == args.Length - 1)
        {
            Console.Error.WriteLine("--notes-file needs a path to a JSON-lines evaluation set");
            return 2;
        }

        var path = at >= 0 ? args[at + 1] : DefaultFile;
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"no evaluation set at '{path}'");
            return 2;
        }

        try
        {
            var items = Read(path);
            var report = Run(items);
            Console.WriteLine($"{items.Count} items from {path}");
            Console.WriteLine(report.Format(args.Contains("--misses")));
            return 0;
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!
            : throw new FormatException($"\"{name}\" must be a non-blank string");
}
