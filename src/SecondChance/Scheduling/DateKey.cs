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
}
