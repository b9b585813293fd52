using NodaTime;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// What an idempotency key remembers besides the request hash: just enough to answer a replay with the
/// first answer's bytes. Events are only ever appended, so the case as it was answered is the first
/// <paramref name="EventCount"/> events of the stored case, decided as of <paramref name="DecidedOn"/>.
/// </summary>
/// <param name="Status">The HTTP status of the first answer.</param>
/// <param name="EventCount">How many events the case had right after this one was recorded.</param>
/// <param name="DecidedOn">The day the next action of the first answer was decided as of.</param>
public sealed record IdempotencyRecord(int Status, int EventCount, LocalDate DecidedOn);
