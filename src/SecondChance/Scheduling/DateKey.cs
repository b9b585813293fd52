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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Of(LocalDate date) => (date.Year * 512) + (date.Month * 32) + date.Day;

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
