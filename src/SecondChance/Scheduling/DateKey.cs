using System.Runtime.CompilerServices;
using NodaTime;

namespace SecondChance.Scheduling;

/// <summary>
/// A date's year, month and day packed into one number that sorts as the dates do, so hot paths can
/// compare dates without the calendar checks and virtual calls of <see cref="LocalDate"/>'s operators.
/// Only meaningful for dates of one calendar system (the library's cases are all ISO).
/// </summary>
internal static class DateKey
{
    /// <summary>
    /// Whether <see cref="LocalDate.GetHashCode"/> sorts as the dates do. NodaTime's hash code is the
    /// date's packed year, month, day and calendar, which does; that is not a documented promise, so it
    /// is checked once here, and a NodaTime that hashes differently gets the computed key instead.
    /// </summary>
    internal static readonly bool HashCodeIsOrdered = CheckHashCodeIsOrdered();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Of(LocalDate date) => HashCodeIsOrdered ? date.GetHashCode() : Computed(date);

    /// <summary>The key from the date's parts, which always sorts as the dates do.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Computed(LocalDate date) => (date.Year * 512) + (date.Month * 32) + date.Day;

    private static bool CheckHashCodeIsOrdered()
    {
        // Both ends of the ISO range, both sides of year 1, month and year ends, a leap day, and a
        // run of consecutive days; any disagreement with the computed key turns the shortcut off.
        LocalDate[] samples =
        [
            LocalDate.MinIsoValue, new(-1, 12, 31), new(0, 1, 1), new(0, 12, 31), new(1, 1, 1), new(1, 1, 2),
            new(1970, 1, 1), new(2024, 2, 28), new(2024, 2, 29), new(2024, 3, 1), new(2026, 1, 31), new(2026, 2, 1),
            new(2026, 12, 31), new(2027, 1, 1), LocalDate.MaxIsoValue,
        ];
        for (var i = 1; i < samples.Length; i++)
        {
            if (samples[i - 1].GetHashCode() >= samples[i].GetHashCode())
            {
                return false;
            }
        }

        var day = new LocalDate(2023, 12, 1);
        for (var i = 0; i < 500; i++)
        {
            var next = day.PlusDays(1);
            if (day.GetHashCode() >= next.GetHashCode())
            {
                return false;
            }

            day = next;
        }

        return true;
    }

    /// <summary>
    /// The ISO day of the week of an ISO date by Sakamoto's method: a few integer operations where
    /// <see cref="LocalDate.DayOfWeek"/> converts the date to days since the epoch first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static IsoDayOfWeek DayOfWeek(LocalDate date)
    {
        if (date.Calendar != CalendarSystem.Iso)
        {
            return date.DayOfWeek;
        }

        var month = date.Month;
        var year = date.Year - (month < 3 ? 1 : 0);

        // Offsets of each month's first day, for a year that starts in March; years before 1 are shifted
        // by 400 years (146,097 days, a whole number of weeks) so the divisions stay non-negative.
        if (year < 0)
        {
            year += 400 * ((-year / 400) + 1);
        }

        var sunday0 = (year + (year / 4) - (year / 100) + (year / 400) + MonthOffsets[month - 1] + date.Day) % 7;
        return sunday0 == 0 ? IsoDayOfWeek.Sunday : (IsoDayOfWeek)sunday0;
    }

    private static ReadOnlySpan<byte> MonthOffsets => [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
}
