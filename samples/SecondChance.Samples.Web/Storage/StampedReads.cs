namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// What was read under each of the last few commit stamps (<see cref="ICaseStore.CommitStamp"/>): while a look
/// at the store answers one of them, nothing was committed since, so what was read under it still holds. A few
/// are kept because a store may answer concurrent callers different stamps for the same state. Only positive
/// stamps are kept (zero is none; a failed look answers a negative one).
/// </summary>
/// <remarks>
/// Each stamp is kept with its value in one object, written whole, so a reader never pairs one read's stamp with
/// another's value; a thread that overwrites another's pair only makes a later call read again.
/// </remarks>
internal sealed class StampedReads<T>
{
    private readonly Read?[] _reads = new Read?[4];
    private int _next;

    /// <summary>Gets what was read under <paramref name="stamp"/>, if it is still kept.</summary>
    public bool TryGet(long stamp, out T value)
    {
        for (var i = 0; i < _reads.Length; i++)
        {
            if (Volatile.Read(ref _reads[i]) is { } read && read.Stamp == stamp)
            {
                value = read.Value;
                return true;
            }
        }

        value = default!;
        return false;
    }

    /// <summary>Keeps <paramref name="value"/> as read under <paramref name="stamp"/>, in place of the oldest kept.</summary>
    public void Add(long stamp, T value)
    {
        if (stamp <= 0 || TryGet(stamp, out _))
        {
            return;
        }

        Volatile.Write(ref _reads[(_next++ & int.MaxValue) % _reads.Length], new Read(stamp, value));
    }

    private sealed record Read(long Stamp, T Value);
}
