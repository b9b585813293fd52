using System.Runtime.CompilerServices;

namespace SecondChance.Engine;

// Hot path: a change here must keep the quick benchmark (sweep_1m_ms) and the DecideMany agreement tests green.

/// <summary>
/// The one loop behind both sweeps: it reads up to a chunk of items, maps them on several cores and
/// yields the results in input order, so memory stays bounded whatever the input size.
/// </summary>
internal static class ChunkedSweep
{
    private const int ChunkSize = 4096;

    /// <summary>Sweeps a synchronous source; it completes every step synchronously, so blocking on it never waits.</summary>
    public static IEnumerable<TOut> Run<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, TOut> map, int maxDegreeOfParallelism, CancellationToken cancellationToken) =>
        Run(source.ToAsyncEnumerable(), map, maxDegreeOfParallelism, cancellationToken).ToBlockingEnumerable(cancellationToken);

    /// <summary>Sweeps an asynchronous source.</summary>
    public static async IAsyncEnumerable<TOut> Run<TIn, TOut>(
        IAsyncEnumerable<TIn> source,
        Func<TIn, TOut> map,
        int maxDegreeOfParallelism,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var items = new TIn[ChunkSize];
        var results = new TOut[ChunkSize];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        var workers = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        var e = source.GetAsyncEnumerator(cancellationToken);
        await using (e.ConfigureAwait(false))
        {
            while (true)
            {
                var n = 0;
                while (n < items.Length && await e.MoveNextAsync().ConfigureAwait(false))
                {
                    items[n++] = e.Current;
                }

                if (n == 0)
                {
                    yield break;
                }

                // Ranges, not single items, so each worker runs a tight loop instead of a delegate call per item.
                var rangeSize = Math.Max(64, (n + workers - 1) / workers);
                Parallel.For(0, (n + rangeSize - 1) / rangeSize, parallel, r =>
                {
                    var end = Math.Min(n, (r + 1) * rangeSize);
                    for (var i = r * rangeSize; i < end; i++)
                    {
                        results[i] = map(items[i]);
                    }
                });

                for (var i = 0; i < n; i++)
                {
                    yield return results[i];
                }

                Array.Clear(items, 0, n);
                Array.Clear(results, 0, n);
            }
        }
    }
}
