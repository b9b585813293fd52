using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SecondChance.Benchmarks;

/// <summary>
/// The CPU time the current thread has used, in nanoseconds: on a shared machine, time the thread
/// spends waiting for a core is not the code's cost. Falls back to wall-clock time where the
/// per-thread clock is not available (outside Linux).
/// </summary>
internal static partial class ThreadClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static bool IsCpuTime { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    public static string Name => IsCpuTime ? "thread CPU time" : "wall-clock time";

    public static long NowNanoseconds()
    {
        if (IsCpuTime && TryRead(out var ns))
        {
            return ns;
        }

        return (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));
    }

    private static bool TryRead(out long nanoseconds)
    {
        try
        {
            if (ClockGetTime(ClockThreadCpuTimeId, out var ts) == 0)
            {
                nanoseconds = (ts.Seconds * 1_000_000_000L) + ts.Nanoseconds;
                return true;
            }
        }
        catch (DllNotFoundException)
        {
        }
        catch (EntryPointNotFoundException)
        {
        }

        nanoseconds = 0;
        return false;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
