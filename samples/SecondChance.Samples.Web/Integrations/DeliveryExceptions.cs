namespace SecondChance.Samples.Web.Integrations;

/// <summary>A delivery attempt failed in a way worth retrying (a 5xx, 408 or 429 answer, a temporary SMTP refusal).</summary>
public sealed class TransientDeliveryException(string message) : Exception(message);

/// <summary>A delivery was refused for good (410 Gone, another 4xx, a refused recipient); retrying would not help.</summary>
public sealed class PermanentDeliveryException(string message) : Exception(message);
