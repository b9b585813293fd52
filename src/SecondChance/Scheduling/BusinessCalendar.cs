using System.Collections.Frozen;
using NodaTime;

namespace SecondChance.Scheduling;

/// <summary>
/// Which dates are business days: a set of working weekdays minus holidays. Immutable and thread-safe.
/// </summary>
public sealed class BusinessCalendar
{
    // Indexed by IsoDayOfWeek (1 = Monday ... 7 = Sunday); index 0 is unused.
    private readonly bool[] _workingDays = new bool[8];
    private readonly FrozenSet<LocalDate> _holidays;

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
        var any = false;
        foreach (var day in workingDays)
        {
            if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
            {
                throw new ArgumentException($"'{day}' is not a day of the week.", nameof(workingDays));
            }

            _workingDays[(int)day] = true;
            any = true;
        }

        if (!any)
        {
            throw new ArgumentException("At least one day of the week must be a business day.", nameof(workingDays));
        }

        _holidays = holidays.ToFrozenSet();
    }

    /// <summary>Gets whether <paramref name="date"/> is a business day.</summary>
    /// <param name="date">The date to check.</param>
    /// <returns><see langword="true"/> for a working weekday that is not a holiday.</returns>
    public bool IsBusinessDay(LocalDate date) =>
        _workingDays[(int)date.DayOfWeek] && (_holidays.Count == 0 || !_holidays.Contains(date));

    /// <summary>Returns <paramref name="date"/> when it is a business day, else the first business day after it.</summary>
    /// <param name="date">The date to start from.</param>
    /// <returns>The first business day on or after <paramref name="date"/>.</returns>
    /// <exception cref="InvalidOperationException">No business day exists within ten years (every date a holiday).</exception>
    public LocalDate OnOrAfter(LocalDate date)
    {
        for (var i = 0; i < 3660; i++)
        {
            if (IsBusinessDay(date))
            {
                return date;
            }

            date = date.PlusDays(1);
        }

        throw new InvalidOperationException("The calendar has no business day within ten years.");
    }

    /// <summary>Returns the <paramref name="count"/>th business day after <paramref name="date"/>.</summary>
    /// <param name="date">The date to count from; it does not count itself.</param>
    /// <param name="count">How many business days to count; 0 gives the first business day on or after <paramref name="date"/>.</param>
    /// <returns>The business day reached.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public LocalDate AddBusinessDays(LocalDate date, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return OnOrAfter(date);
        }

        for (var i = 0; i < count; i++)
        {
            date = OnOrAfter(date.PlusDays(1));
        }

        return date;
    }
}
