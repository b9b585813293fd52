namespace SecondChance.Engine;

// Hot path: a change here must keep the quick benchmark (sweep_1m_ms) and the DecideMany agreement tests green.

/// <summary>
/// The one chunk loop behind both sweeps: items are gathered into a chunk, the chunk is mapped on
/// several cores, and the results come back in input order, so memory stays bounded whatever the
/// input size. The synchronous and asynchronous sweeps differ only in how they read the source.
/// </summary>
internal sealed class ChunkedSweep<TIn, TOut>
{
    private const int ChunkSize = 4096;
    private readonly TIn[] _items = new TIn[ChunkSize];
    private readonly TOut[] _results = new TOut[ChunkSize];
    private readonly Func<TIn, TOut> _map;
    private readonly ParallelOptions _parallel;
    private readonly int _workers;
    private int _count;

    private ChunkedSweep(Func<TIn, TOut> map, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        _map = map;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        _workers = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
    }

    /// <summary>Sweeps a synchronous source.</summary>
    public static IEnumerable<TOut> Run(IEnumerable<TIn> source, Func<TIn, TOut> map, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        var sweep = new ChunkedSweep<TIn, TOut>(map, maxDegreeOfParallelism, cancellationToken);
        foreach (var item in source)
        {
            if (sweep.Add(item))
            {
                foreach (var result in sweep.Flush())
                {
                    yield return result;
                }
            }
        }

        foreach (var result in sweep.Flush())
        {
            yield return result;
        }
    }

    /// <summary>Sweeps an asynchronous source.</summary>
    public static async IAsyncEnumerable<TOut> Run(IAsyncEnumerable<TIn> source, Func<TIn, TOut> map, int maxDegreeOfParallelism, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sweep = new ChunkedSweep<TIn, TOut>(map, maxDegreeOfParallelism, cancellationToken);
        await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (sweep.Add(item))
            {
                foreach (var result in sweep.Flush())
                {
                    yield return result;
                }
            }
        }

        foreach (var result in sweep.Flush())
        {
            yield return result;
        }
    }

    /// <summary>Adds an item; returns whether the chunk is full and must be flushed.</summary>
    private bool Add(TIn item)
    {
        _items[_count++] = item;
        return _count == ChunkSize;
    }

    /// <summary>Maps the chunk in parallel and yields its results in order, then empties it.</summary>
    private IEnumerable<TOut> Flush()
    {
        var n = _count;
        if (n == 0)
        {
            yield break;
        }

        _parallel.CancellationToken.ThrowIfCancellationRequested();

        // Ranges, not single items, so each worker runs a tight loop instead of a delegate call per item.
        var rangeSize = Math.Max(64, (n + _workers - 1) / _workers);
        Parallel.For(0, (n + rangeSize - 1) / rangeSize, _parallel, r =>
        {
            var end = Math.Min(n, (r + 1) * rangeSize);
            for (var i = r * rangeSize; i < end; i++)
            {
                _results[i] = _map(_items[i]);
            }
        });

        for (var i = 0; i < n; i++)
        {
            yield return _results[i];
        }

        Array.Clear(_items, 0, n);
        Array.Clear(_results, 0, n);
        _count = 0;
    }
}
