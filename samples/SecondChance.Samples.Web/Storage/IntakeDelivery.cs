using NodaTime;

namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// An ATS delivery that created a case, recorded by the store in the case's own transaction: the case and
/// the record are stored together or not at all, and a second record of the same delivery fails the write.
/// </summary>
/// <param name="Source">The ATS: <c>greenhouse</c>, <c>lever</c> or <c>generic</c>.</param>
/// <param name="DeliveryId">The delivery's id (the ATS's, or a hash of the body when it sends none).</param>
/// <param name="ExternalId">The ATS's id of the application, when it names one.</param>
/// <param name="Reason">Why the delivery counted as a runner-up notice.</param>
/// <param name="ReceivedAt">When it arrived.</param>
public sealed record IntakeDelivery(string Source, string DeliveryId, string? ExternalId, string Reason, Instant ReceivedAt);
