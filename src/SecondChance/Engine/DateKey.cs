using System.Runtime.CompilerServices;
using NodaTime;

namespace SecondChance.Engine;

// Hot path: a change here must keep the quick benchmark, AllocationTests, FastCheckAgreementTests and
// CompiledVsNaiveTests green (see tests/SecondChance.Benchmarks/README.md).

/// <summary>
/// A date's year, month and day packed into one number that sorts as the dates do: the fold compares
/// each event with the one before it without the calendar checks of <see cref="LocalDate"/>'s operators.
/// Only meaningful for dates of one calendar system (the library's cases are all ISO).
/// </summary>
internal static class DateKey
{
    // The case date range (CaseLimits.EarliestDate to LatestDate) as keys, so the fold checks it with one compare.
    private static readonly int EarliestKey = Of(Validation.CaseLimits.EarliestDate);
    private static readonly int LatestKey = Of(Validation.CaseLimits.LatestDate);

    /// <summary>Gets whether a date key lies in the range a case may hold (see <c>CaseLimits.IsInDateRange</c>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static bool IsInCaseRange(int key) => (uint)(key - EarliestKey) <= (uint)(LatestKey - EarliestKey);

    /// <summary>The key from the date's parts, which always sorts as the dates do.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Of(LocalDate date) => (date.Year * 512) + (date.Month * 32) + date.Day;
}
