using System.Runtime.CompilerServices;
using System.Collections.Frozen;
using NodaTime;

namespace SecondChance.Scheduling;

/// <summary>
/// Which dates are business days: a set of working weekdays minus holidays. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Date arithmetic reads the day of the week once and then counts in whole weeks, so adding business
/// days costs the same for 1 day as for 100; holidays, when there are any, are checked only on the
/// working days the count passes over.
/// </remarks>
public sealed class BusinessCalendar
{
    // No business day for this many days in a row means the calendar is unusable (every date a holiday).
    private const int MaxDaysWithoutBusinessDay = 3660;

    // Indexed by IsoDayOfWeek (1 = Monday ... 7 = Sunday); index 0 is unused.
    private readonly bool[] _workingDays = new bool[8];

    // Days from each weekday to the first working weekday on or after it (0 when it is one).
    private readonly int[] _daysToWorkingDay = new int[8];

    // Days from each weekday (row) to the n-th working weekday after it (column n, 1 to the number of
    // working days in a week): business-day arithmetic without a loop or a division in the usual case.
    private readonly int[] _daysToNthWorkingDay = new int[8 * 8];
    private readonly int _workingDaysPerWeek;
    private readonly FrozenSet<LocalDate> _holidays;
    private readonly bool _hasHolidays;

    /// <summary>Gets the default calendar: Monday to Friday, no holidays.</summary>
    public static BusinessCalendar Default { get; } = new(
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
        []);

    /// <summary>Creates a calendar.</summary>
    /// <param name="workingDays">The days of the week that are business days; at least one.</param>
    /// <param name="holidays">Dates that are never business days.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="workingDays"/> is empty or holds an undefined day.</exception>
    public BusinessCalendar(IEnumerable<IsoDayOfWeek> workingDays, IEnumerable<LocalDate> holidays)
    {
        ArgumentNullException.ThrowIfNull(workingDays);
        ArgumentNullException.ThrowIfNull(holidays);
        foreach (var day in workingDays)
        {
            if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
            {
                throw new ArgumentException($"'{day}' is not a day of the week.", nameof(workingDays));
            }

            _workingDays[(int)day] = true;
        }

        _workingDaysPerWeek = _workingDays.Count(working => working);
        if (_workingDaysPerWeek == 0)
        {
            throw new ArgumentException("At least one day of the week must be a business day.", nameof(workingDays));
        }

        for (var day = 1; day <= 7; day++)
        {
            var ahead = 0;
            while (!_workingDays[Next(day, ahead)])
            {
                ahead++;
            }

            _daysToWorkingDay[day] = ahead;

            var days = 0;
            for (var n = 1; n <= _workingDaysPerWeek; n++)
            {
                do
                {
                    days++;
                }
                while (!_workingDays[Next(day, days)]);

                _daysToNthWorkingDay[(day * 8) + n] = days;
            }
        }

        _holidays = holidays.ToFrozenSet();
        _hasHolidays = _holidays.Count > 0;
    }

    /// <summary>Gets whether <paramref name="date"/> is a business day.</summary>
    /// <param name="date">The date to check.</param>
    /// <returns><see langword="true"/> for a working weekday that is not a holiday.</returns>
    public bool IsBusinessDay(LocalDate date) =>
        _workingDays[(int)DayOfWeekOf(date)] && (!_hasHolidays || !_holidays.Contains(date));

    /// <summary>Returns <paramref name="date"/> when it is a business day, else the first business day after it.</summary>
    /// <param name="date">The date to start from.</param>
    /// <returns>The first business day on or after <paramref name="date"/>.</returns>
    /// <exception cref="InvalidOperationException">No business day exists within ten years (every date a holiday).</exception>
    public LocalDate OnOrAfter(LocalDate date)
    {
        var ahead = _daysToWorkingDay[(int)DayOfWeekOf(date)];
        if (ahead != 0)
        {
            date = date.PlusDays(ahead);
        }

        return _hasHolidays ? SkipHolidays(date, (int)DayOfWeekOf(date)) : date;
    }

    /// <summary>Returns the <paramref name="count"/>th business day after <paramref name="date"/>.</summary>
    /// <param name="date">The date to count from; it does not count itself.</param>
    /// <param name="count">How many business days to count; 0 gives the first business day on or after <paramref name="date"/>.</param>
    /// <returns>The business day reached.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">No business day exists within ten years (every date a holiday).</exception>
    /// <exception cref="OverflowException">The result would be outside the range of dates.</exception>
    public LocalDate AddBusinessDays(LocalDate date, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return OnOrAfter(date);
        }

        if (_hasHolidays)
        {
            return AddWithHolidays(date, count);
        }

        // Whole weeks at once, then the rest from the table.
        var day = (int)DayOfWeekOf(date);
        if (count <= _workingDaysPerWeek)
        {
            return PlusDaysInRange(date, _daysToNthWorkingDay[(day * 8) + count]);
        }

        var weeks = (count - 1) / _workingDaysPerWeek;
        var left = count - (weeks * _workingDaysPerWeek);
        return PlusDaysInRange(date, (weeks * 7L) + _daysToNthWorkingDay[(day * 8) + left]);
    }

    // NodaTime refuses a large jump with ArgumentOutOfRangeException and a small one past its last date
    // with OverflowException; callers get the documented OverflowException for both.
    private static LocalDate PlusDaysInRange(LocalDate date, long days)
    {
        if (days > int.MaxValue)
        {
            throw Overflow(null);
        }

        try
        {
            return date.PlusDays((int)days);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw Overflow(ex);
        }
    }

    private static OverflowException Overflow(Exception? inner) => new("The result would be outside the range of dates.", inner);

    private LocalDate AddWithHolidays(LocalDate date, int count)
    {
        var day = (int)DayOfWeekOf(date);
        var sinceBusinessDay = 0;
        while (count > 0)
        {
            date = date.PlusDays(1);
            day = Next(day, 1);
            if (_workingDays[day] && !_holidays.Contains(date))
            {
                count--;
                sinceBusinessDay = 0;
            }
            else if (++sinceBusinessDay > MaxDaysWithoutBusinessDay)
            {
                throw NoBusinessDay();
            }
        }

        return date;
    }

    private LocalDate SkipHolidays(LocalDate date, int day)
    {
        for (var i = 0; i <= MaxDaysWithoutBusinessDay; i++)
        {
            if (_workingDays[day] && !_holidays.Contains(date))
            {
                return date;
            }

            date = date.PlusDays(1);
            day = Next(day, 1);
        }

        throw NoBusinessDay();
    }

    private static int Next(int day, int ahead) => ((day - 1 + ahead) % 7) + 1;

    private static InvalidOperationException NoBusinessDay() => new("The calendar has no business day within ten years.");

    /// <summary>
    /// The ISO day of the week of an ISO date by Sakamoto's method: a few integer operations where
    /// <see cref="LocalDate.DayOfWeek"/> converts the date to days since the epoch first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static IsoDayOfWeek DayOfWeekOf(LocalDate date)
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
