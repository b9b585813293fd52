using System.Text;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// What the host writes for a case: the document plus the columns derived from it for listing and the agenda.
/// The document is held as UTF-8, the form it is serialized in and stored in, so a write never makes a
/// UTF-16 copy of it on the way.
/// </summary>
public sealed record CaseRow
{
    private readonly byte[] _document;

    /// <summary>Creates a row from the case JSON document as text.</summary>
    /// <param name="document">The case JSON document.</param>
    /// <param name="candidate">The candidate's name.</param>
    /// <param name="company">The employer's name.</param>
    /// <param name="nextDue">The next action's due date as an ISO date, or <see langword="null"/> when nothing is due (closed).</param>
    /// <param name="rules">The fingerprint of the rules that computed <paramref name="nextDue"/>.</param>
    /// <param name="timeZone">The case's IANA time zone id, so the agenda can tell "today" for it without reading the document.</param>
    public CaseRow(string document, string candidate, string company, string? nextDue, string rules, string timeZone)
        : this(Encoding.UTF8.GetBytes(document ?? throw new ArgumentNullException(nameof(document))), candidate, company, nextDue, rules, timeZone)
    {
    }

    /// <summary>Creates a row from the case JSON document as UTF-8, which the row keeps (it is not copied).</summary>
    /// <param name="documentUtf8">The case JSON document, UTF-8 without a byte order mark.</param>
    /// <param name="candidate">The candidate's name.</param>
    /// <param name="company">The employer's name.</param>
    /// <param name="nextDue">The next action's due date as an ISO date, or <see langword="null"/> when nothing is due (closed).</param>
    /// <param name="rules">The fingerprint of the rules that computed <paramref name="nextDue"/>.</param>
    /// <param name="timeZone">The case's IANA time zone id.</param>
    public CaseRow(byte[] documentUtf8, string candidate, string company, string? nextDue, string rules, string timeZone)
    {
        _document = documentUtf8 ?? throw new ArgumentNullException(nameof(documentUtf8));
        Candidate = candidate;
        Company = company;
        NextDue = nextDue;
        Rules = rules;
        TimeZone = timeZone;
    }

    /// <summary>Gets the case JSON document as text (decoded on each call).</summary>
    public string Document
    {
        get => Encoding.UTF8.GetString(_document);
        init => _document = Encoding.UTF8.GetBytes(value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Gets the case JSON document as UTF-8.</summary>
    public ReadOnlyMemory<byte> DocumentUtf8 => _document;

    /// <summary>Gets the candidate's name.</summary>
    public string Candidate { get; init; }

    /// <summary>Gets the employer's name.</summary>
    public string Company { get; init; }

    /// <summary>Gets the next action's due date as an ISO date, or <see langword="null"/> when nothing is due (closed).</summary>
    public string? NextDue { get; init; }

    /// <summary>Gets the fingerprint of the rules that computed <see cref="NextDue"/>.</summary>
    public string Rules { get; init; }

    /// <summary>Gets the case's IANA time zone id.</summary>
    public string TimeZone { get; init; }

    /// <summary>Gets the reminder this write makes due-able, written to the outbox in the same transaction; <see langword="null"/> leaves the outbox alone.</summary>
    public OutboxWrite? Outbox { get; init; }

    /// <summary>Gets the ATS delivery that created this case, recorded in the same transaction (a new case only).</summary>
    public IntakeDelivery? Intake { get; init; }

    // For a store that binds the document as is (SQLite, as a blob cast to text): never written to.
    internal byte[] DocumentBytes => _document;

    /// <summary>Rows are equal when every column is, the document compared by its bytes (not by the array holding them).</summary>
    public bool Equals(CaseRow? other) =>
        other is not null
        && _document.AsSpan().SequenceEqual(other._document)
        && Candidate == other.Candidate && Company == other.Company && NextDue == other.NextDue
        && Rules == other.Rules && TimeZone == other.TimeZone
        && Equals(Outbox, other.Outbox) && Equals(Intake, other.Intake);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(_document);
        hash.Add(Candidate);
        hash.Add(Company);
        hash.Add(NextDue);
        hash.Add(Rules);
        hash.Add(TimeZone);
        hash.Add(Outbox);
        hash.Add(Intake);
        return hash.ToHashCode();
    }
}
