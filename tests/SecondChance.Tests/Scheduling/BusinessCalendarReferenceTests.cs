using CsCheck;
using SecondChance.Scheduling;
using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Scheduling;

/// <summary>
/// The calendar counts business days in whole weeks and checks holidays in a separate loop. These
/// tests hold it to a reference that walks one day at a time, exactly as the XML docs describe it.
/// </summary>
public class BusinessCalendarReferenceTests
{
    private static readonly IsoDayOfWeek[] AllDays =
    [
        IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday,
        IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday,
    ];

    /// <summary>A straightforward calendar: a set of weekdays minus a set of holidays, walked day by day.</summary>
    private sealed class Reference(IReadOnlyCollection<IsoDayOfWeek> working, IReadOnlyCollection<LocalDate> holidays)
    {
        private readonly HashSet<IsoDayOfWeek> _working = [.. working];
        private readonly HashSet<LocalDate> _holidays = [.. holidays];

        public bool IsBusinessDay(LocalDate d) => _working.Contains(d.DayOfWeek) && !_holidays.Contains(d);

        public LocalDate OnOrAfter(LocalDate d)
        {
            // Generated holiday sets are far shorter than ten years, so the walk always ends.
            while (!IsBusinessDay(d))
            {
                d = d.PlusDays(1);
            }

            return d;
        }

        public LocalDate Add(LocalDate d, int n)
        {
            if (n == 0)
            {
                return OnOrAfter(d);
            }

            while (n > 0)
            {
                d = d.PlusDays(1);
                if (IsBusinessDay(d))
                {
                    n--;
                }
            }

            return d;
        }
    }

    private sealed record Scenario(IsoDayOfWeek[] Working, LocalDate[] Holidays, LocalDate Date, int Count)
    {
        public override string ToString() =>
            $"working=[{string.Join(",", Working)}] holidays({Holidays.Length})=[{string.Join(",", Holidays.Take(12))}{(Holidays.Length > 12 ? ",..." : "")}] date={Date} ({Date.DayOfWeek}) count={Count}";
    }

    /// <summary>Any non-empty set of weekdays, with the edge sets (one day, all seven, weekends only) over-weighted.</summary>
    private static readonly Gen<IsoDayOfWeek[]> WorkingDays = Gen.Frequency(
        (6, Gen.Int[1, 127].Select(mask => AllDays.Where((_, i) => (mask & (1 << i)) != 0).ToArray())),
        (2, Gen.Int[0, 6].Select(i => new[] { AllDays[i] })),
        (1, Gen.Const(AllDays)),
        (1, Gen.Const(new[] { IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday })),
        (1, Gen.Const(new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday })));

    /// <summary>Dates from the 1600s to the 2400s, with month ends, year ends and leap days over-weighted.</summary>
    private static readonly Gen<LocalDate> Dates = Gen.Frequency(
        (4, Gen.Int[0, 300_000].Select(n => new LocalDate(1600, 1, 1).PlusDays(n))),
        (2, Gen.Select(Gen.Int[1600, 2450], Gen.Int[1, 12], Gen.Int[0, 3]).Select((y, m, back) =>
            new LocalDate(y, m, CalendarSystem.Iso.GetDaysInMonth(y, m)).PlusDays(-back))),
        (1, Gen.Int[400, 612].Where(q => CalendarSystem.Iso.IsLeapYear(q * 4)).Select(q => new LocalDate(q * 4, 2, 29))),
        (1, Gen.Select(Gen.Int[1600, 2450], Gen.Int[-3, 3]).Select((y, k) => new LocalDate(y, 12, 31).PlusDays(k))));

    /// <summary>Holidays near the date: none, scattered, runs of consecutive days, or every non-working day too.</summary>
    private static Gen<LocalDate[]> HolidaysNear(LocalDate date) => Gen.Frequency(
        (3, Gen.Const(Array.Empty<LocalDate>())),
        (3, Gen.Int[-10, 700].Array[1, 40].Select(offsets => offsets.Select(o => date.PlusDays(o)).ToArray())),
        (3, Gen.Select(Gen.Int[-10, 400], Gen.Int[1, 45]).Array[1, 4].Select(runs =>
            runs.SelectMany(r => Enumerable.Range(r.Item1, r.Item2).Select(o => date.PlusDays(o))).ToArray())),
        (1, Gen.Int[0, 3].Select(k => Enumerable.Range(-3, 40).Select(o => date.PlusDays(o)).Where((_, i) => i % 4 != k).ToArray())),
        (1, Gen.Const(new[] { date, date.PlusDays(1) })));

    private static readonly Gen<int> Counts = Gen.Frequency(
        (2, Gen.Int[0, 10]),
        (3, Gen.Int[0, 400]),
        (1, Gen.OneOf(Gen.Const(0), Gen.Const(1), Gen.Const(5), Gen.Const(6), Gen.Const(7), Gen.Const(8), Gen.Const(14), Gen.Const(400))));

    private static readonly Gen<Scenario> Scenarios =
        Gen.Select(WorkingDays, Dates, Counts)
            .SelectMany((working, date, count) => HolidaysNear(date).Select(h => new Scenario(working, h, date, count)));

    private static readonly Gen<Scenario> ScenariosWithoutHolidays =
        Gen.Select(WorkingDays, Dates, Counts).Select((working, date, count) => new Scenario(working, [], date, count));

    [Fact]
    public void AddBusinessDays_WithHolidays_MatchesDayByDayWalk() =>
        Scenarios.Sample(s =>
        {
            var calendar = new BusinessCalendar(s.Working, s.Holidays);
            var reference = new Reference(s.Working, s.Holidays);
            calendar.AddBusinessDays(s.Date, s.Count).Should().Be(reference.Add(s.Date, s.Count), s.ToString());
        }, iter: 4000, print: s => s.ToString());

    [Fact]
    public void AddBusinessDays_WithoutHolidays_MatchesDayByDayWalk() =>
        ScenariosWithoutHolidays.Sample(s =>
        {
            var calendar = new BusinessCalendar(s.Working, s.Holidays);
            var reference = new Reference(s.Working, s.Holidays);
            calendar.AddBusinessDays(s.Date, s.Count).Should().Be(reference.Add(s.Date, s.Count), s.ToString());
        }, iter: 4000, print: s => s.ToString());

    [Fact]
    public void OnOrAfterAndIsBusinessDay_EveryDayOfWindow_MatchReference() =>
        Scenarios.Sample(s =>
        {
            var calendar = new BusinessCalendar(s.Working, s.Holidays);
            var reference = new Reference(s.Working, s.Holidays);
            for (var k = -3; k < 30; k++)
            {
                var d = s.Date.PlusDays(k);
                calendar.IsBusinessDay(d).Should().Be(reference.IsBusinessDay(d), $"{d} ({d.DayOfWeek}) in {s}");
                calendar.OnOrAfter(d).Should().Be(reference.OnOrAfter(d), $"{d} ({d.DayOfWeek}) in {s}");
            }
        }, iter: 1500, print: s => s.ToString());

    [Fact]
    public void AddBusinessDays_Counts0To400OnEveryWeekday_MatchReference()
    {
        var sets = AllDays.Select(d => new[] { d }).Append(AllDays).Append([IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday]).ToArray();
        foreach (var working in sets)
        {
            foreach (var withHolidays in new[] { false, true })
            {
                var start = D(2027, 12, 27); // a Monday, four days before a year end
                LocalDate[] holidays = withHolidays ? [D(2028, 1, 1), D(2028, 1, 3), D(2028, 2, 29), D(2028, 3, 1), .. Enumerable.Range(0, 9).Select(i => D(2028, 6, 1).PlusDays(i))] : [];
                var calendar = new BusinessCalendar(working, holidays);
                var reference = new Reference(working, holidays);
                for (var day = 0; day < 7; day++)
                {
                    var from = start.PlusDays(day);
                    for (var n = 0; n <= 400; n++)
                    {
                        calendar.AddBusinessDays(from, n).Should().Be(reference.Add(from, n), $"[{string.Join(",", working)}] from {from} ({from.DayOfWeek}) + {n}, holidays {withHolidays}");
                    }
                }
            }
        }
    }

    [Fact]
    public void AddBusinessDays_ZeroAndOne_OnOrAfterAndStrictlyLater() =>
        Scenarios.Sample(s =>
        {
            var calendar = new BusinessCalendar(s.Working, s.Holidays);
            var onOrAfter = calendar.OnOrAfter(s.Date);
            calendar.AddBusinessDays(s.Date, 0).Should().Be(onOrAfter);
            calendar.IsBusinessDay(onOrAfter).Should().BeTrue();
            calendar.AddBusinessDays(s.Date, 1).Should().BeGreaterThan(s.Date);
            calendar.IsBusinessDay(calendar.AddBusinessDays(s.Date, s.Count)).Should().BeTrue();

            // For n >= 1, counting n then one more is counting n + 1 (for 0 it is not: 0 may stay on the date).
            var n = Math.Max(1, s.Count);
            calendar.AddBusinessDays(calendar.AddBusinessDays(s.Date, n), 1)
                .Should().Be(calendar.AddBusinessDays(s.Date, n + 1));
        }, iter: 2000, print: s => s.ToString());

    [Theory]
    [InlineData(2024, 2, 28, 1, 2024, 2, 29)] // Wednesday -> leap day Thursday
    [InlineData(2024, 2, 29, 1, 2024, 3, 1)] // leap day -> Friday 1 March
    [InlineData(2026, 12, 31, 1, 2027, 1, 1)] // Thursday year end -> Friday new year
    [InlineData(2027, 12, 31, 1, 2028, 1, 3)] // Friday year end -> Monday
    [InlineData(2026, 3, 7, 0, 2026, 3, 9)] // Saturday, count 0 -> Monday
    [InlineData(2026, 3, 7, 1, 2026, 3, 9)] // Saturday, count 1 -> Monday, the first business day strictly after
    [InlineData(2026, 3, 7, 2, 2026, 3, 10)] // Saturday, count 2 -> Tuesday
    [InlineData(2026, 3, 6, 5, 2026, 3, 13)] // Friday + 5 -> next Friday
    [InlineData(2026, 3, 6, 260, 2027, 3, 5)] // a whole business year of 52 weeks
    public void AddBusinessDays_MondayToFriday_KnownAnswers(int y, int m, int d, int n, int ey, int em, int ed)
    {
        var expected = new Reference(AllDays[..5], []).Add(D(y, m, d), n);
        expected.Should().Be(D(ey, em, ed), "the reference agrees with the hand-computed answer");
        BusinessCalendar.Default.AddBusinessDays(D(y, m, d), n).Should().Be(D(ey, em, ed));
    }

    [Fact]
    public void AddBusinessDays_HolidaysOnNonWorkingDays_NoChange()
    {
        var weekends = Enumerable.Range(0, 400).Select(i => D(2026, 1, 3).PlusDays(i)).Where(d => d.DayOfWeek >= IsoDayOfWeek.Saturday).ToArray();
        var withWeekendHolidays = new BusinessCalendar(AllDays[..5], weekends);
        for (var n = 0; n <= 300; n += 7)
        {
            withWeekendHolidays.AddBusinessDays(D(2026, 1, 5), n).Should().Be(BusinessCalendar.Default.AddBusinessDays(D(2026, 1, 5), n));
        }
    }

    [Fact]
    public void Constructor_WorkingDayListedTwice_CountsOnce()
    {
        // Whole weeks are counted with the number of working days per week: duplicates must not inflate it.
        var twice = new BusinessCalendar([IsoDayOfWeek.Monday, IsoDayOfWeek.Monday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Monday], []);
        var reference = new Reference([IsoDayOfWeek.Monday, IsoDayOfWeek.Thursday], []);
        for (var n = 0; n <= 60; n++)
        {
            twice.AddBusinessDays(D(2026, 3, 7), n).Should().Be(reference.Add(D(2026, 3, 7), n), $"count {n}");
        }
    }

    [Fact]
    public void Constructor_NoWorkingDayOrUnknownWeekday_Throws()
    {
        ((Action)(() => _ = new BusinessCalendar([], []))).Should().Throw<ArgumentException>();
        ((Action)(() => _ = new BusinessCalendar([IsoDayOfWeek.None], []))).Should().Throw<ArgumentException>();
        ((Action)(() => _ = new BusinessCalendar([IsoDayOfWeek.Monday, (IsoDayOfWeek)8], []))).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void AddBusinessDays_NegativeCount_ThrowsArgumentOutOfRange()
    {
        var act = () => BusinessCalendar.Default.AddBusinessDays(D(2026, 3, 6), -1);
        act.Should().Throw<ArgumentOutOfRangeException>();
        var withHolidays = new BusinessCalendar(AllDays[..5], [D(2026, 3, 9)]);
        ((Action)(() => withHolidays.AddBusinessDays(D(2026, 3, 6), int.MinValue))).Should().Throw<ArgumentOutOfRangeException>();
    }

    public static TheoryData<IsoDayOfWeek[], int> Unusable => new()
    {
        { [IsoDayOfWeek.Monday], 11 },
        { [IsoDayOfWeek.Sunday], 11 },
        { AllDays, 11 },
        { AllDays[..5], 12 },
        { [IsoDayOfWeek.Wednesday, IsoDayOfWeek.Saturday], 20 },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public void AddBusinessDays_AllWorkingDaysHolidaysOverTenYears_Throws(IsoDayOfWeek[] working, int years)
    {
        var from = D(2020, 1, 1);
        var until = from.PlusYears(years);
        var holidays = new List<LocalDate>();
        for (var d = from.PlusDays(-7); d <= until; d = d.PlusDays(1))
        {
            if (working.Contains(d.DayOfWeek))
            {
                holidays.Add(d);
            }
        }

        var calendar = new BusinessCalendar(working, holidays);
        for (var k = 0; k < 7; k++)
        {
            var d = from.PlusDays(k);
            calendar.Invoking(c => c.OnOrAfter(d)).Should().Throw<InvalidOperationException>($"from {d} ({d.DayOfWeek})");
            calendar.Invoking(c => c.AddBusinessDays(d, 0)).Should().Throw<InvalidOperationException>();
            calendar.Invoking(c => c.AddBusinessDays(d, 1)).Should().Throw<InvalidOperationException>();
            calendar.Invoking(c => c.AddBusinessDays(d, 7)).Should().Throw<InvalidOperationException>();
            calendar.IsBusinessDay(d).Should().BeFalse();
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(9)]
    public void AddBusinessDays_HolidayRunUnderTenYears_Skipped(int years)
    {
        var from = D(2020, 1, 1);
        var until = from.PlusYears(years);
        var holidays = new List<LocalDate>();
        for (var d = from; d < until; d = d.PlusDays(1))
        {
            holidays.Add(d);
        }

        var calendar = new BusinessCalendar(AllDays[..5], holidays);
        var reference = new Reference(AllDays[..5], holidays);
        calendar.OnOrAfter(from).Should().Be(reference.OnOrAfter(from)).And.BeGreaterThanOrEqualTo(until);
        calendar.AddBusinessDays(from, 1).Should().Be(reference.Add(from, 1));
        calendar.AddBusinessDays(from.PlusDays(-3), 3).Should().Be(reference.Add(from.PlusDays(-3), 3));
        calendar.AddBusinessDays(from, 30).Should().Be(reference.Add(from, 30));
    }

    [Fact]
    public void AddBusinessDays_PastLastDate_ThrowsLikePlusDays()
    {
        var last = LocalDate.MaxIsoValue; // 9999-12-31, a Friday
        var expected = CaptureType(() => last.PlusDays(1));
        expected.Should().Be<OverflowException>("NodaTime refuses a day past its maximum so, and the calendar documents the same exception");

        var mondays = new BusinessCalendar([IsoDayOfWeek.Monday], []);
        var mondaysWithHoliday = new BusinessCalendar([IsoDayOfWeek.Monday], [D(2026, 1, 5)]);
        var weekdays = BusinessCalendar.Default;
        var weekdaysWithHoliday = new BusinessCalendar(AllDays[..5], [D(2026, 1, 5)]);

        var attempts = new (string What, Func<LocalDate> Act)[]
        {
            ("Mon-only OnOrAfter(max)", () => mondays.OnOrAfter(last)),
            ("Mon-only+holiday OnOrAfter(max)", () => mondaysWithHoliday.OnOrAfter(last)),
            ("Mon-only AddBusinessDays(max, 0)", () => mondays.AddBusinessDays(last, 0)),
            ("Mon-Fri AddBusinessDays(max, 1)", () => weekdays.AddBusinessDays(last, 1)),
            ("Mon-Fri+holiday AddBusinessDays(max, 1)", () => weekdaysWithHoliday.AddBusinessDays(last, 1)),
            ("Mon-Fri AddBusinessDays(max-10, 30)", () => weekdays.AddBusinessDays(last.PlusDays(-10), 30)),
            ("Mon-Fri+holiday AddBusinessDays(max-10, 30)", () => weekdaysWithHoliday.AddBusinessDays(last.PlusDays(-10), 30)),
        };

        foreach (var (what, act) in attempts)
        {
            CaptureType(() => act()).Should().Be(expected, what);
        }

        // The last day itself is still reachable.
        weekdays.OnOrAfter(last).Should().Be(last);
        weekdays.AddBusinessDays(last.PlusDays(-1), 1).Should().Be(last);
        weekdaysWithHoliday.AddBusinessDays(last.PlusDays(-1), 1).Should().Be(last);
    }

    [Fact]
    public void AddBusinessDays_HugeCount_ThrowsRatherThanWraps()
    {
        var withHoliday = new BusinessCalendar(AllDays[..5], [D(2026, 1, 5)]);
        foreach (var count in new[] { 3_000_000, 1_000_000_000, int.MaxValue })
        {
            BusinessCalendar.Default.Invoking(c => c.AddBusinessDays(D(2026, 1, 1), count)).Should().Throw<Exception>($"count {count}");
            new BusinessCalendar(AllDays, []).Invoking(c => c.AddBusinessDays(D(2026, 1, 1), count)).Should().Throw<Exception>($"count {count}");
        }

        withHoliday.Invoking(c => c.AddBusinessDays(D(2026, 1, 1), 3_000_000)).Should().Throw<OverflowException>();
        BusinessCalendar.Default.Invoking(c => c.AddBusinessDays(D(2026, 1, 1), int.MaxValue)).Should().Throw<OverflowException>();
    }

    /// <summary>
    /// The docs promise <see cref="OverflowException"/> when the result is past the last date, and the
    /// holiday path (and the day-by-day code before the rewrite) throw it. Without holidays, a count that
    /// lands far past the end makes the whole-weeks path call PlusDays with millions of days, which
    /// NodaTime refuses with <see cref="ArgumentOutOfRangeException"/>: the exception documented for a
    /// negative count.
    /// </summary>
    [Fact]
    public void AddBusinessDays_CountFarPastLastDate_ThrowsOverflowException()
    {
        var withHoliday = new BusinessCalendar(AllDays[..5], [D(2026, 1, 5)]);
        withHoliday.Invoking(c => c.AddBusinessDays(D(2026, 1, 1), 3_000_000)).Should().Throw<OverflowException>();
        BusinessCalendar.Default.Invoking(c => c.AddBusinessDays(D(2026, 1, 1), 3_000_000)).Should().Throw<OverflowException>();
        BusinessCalendar.Default.Invoking(c => c.AddBusinessDays(D(2026, 1, 1), 1_000_000_000)).Should().Throw<OverflowException>();
    }

    private static Type? CaptureType(Action act)
    {
        try
        {
            act();
            return null;
        }
        catch (Exception ex)
        {
            return ex.GetType();
        }
    }
}
