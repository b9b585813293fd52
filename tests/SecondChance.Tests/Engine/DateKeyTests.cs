using SecondChance.Engine;
using SecondChance.Scheduling;

namespace SecondChance.Tests.Engine;

public class DateKeyTests
{
    [Fact]
    public void DayOfWeek_EveryIsoDate_SameAsNodaTime()
    {
        // Every date NodaTime's ISO calendar supports, about 7.3 million of them.
        var date = LocalDate.MinIsoValue;
        var checkedDays = 0;
        while (true)
        {
            if (BusinessCalendar.DayOfWeekOf(date) != date.DayOfWeek)
            {
                Assert.Fail($"{date:uuuu-MM-dd}: {BusinessCalendar.DayOfWeekOf(date)}, NodaTime says {date.DayOfWeek}");
            }

            checkedDays++;
            if (date == LocalDate.MaxIsoValue)
            {
                break;
            }

            date = date.PlusDays(1);
        }

        checkedDays.Should().Be(Period.Between(LocalDate.MinIsoValue, LocalDate.MaxIsoValue, PeriodUnits.Days).Days + 1);
    }

    [Theory]
    [InlineData("Julian")]
    [InlineData("Coptic")]
    public void DayOfWeek_OtherCalendar_SameAsNodaTime(string calendarId)
    {
        var calendar = calendarId == "Julian" ? CalendarSystem.Julian : CalendarSystem.Coptic;
        var date = new LocalDate(2026, 2, 28).WithCalendar(calendar);
        for (var i = 0; i < 800; i++, date = date.PlusDays(1))
        {
            BusinessCalendar.DayOfWeekOf(date).Should().Be(date.DayOfWeek, "{0} in the {1} calendar", date, calendarId);
        }
    }

    [Fact]
    public void Of_ConsecutiveDates_StrictlyIncreasing()
    {
        // Across month ends, year ends, leap days and the year 0 boundary.
        var previous = DateKey.Of(new LocalDate(-2, 12, 25));
        for (var date = new LocalDate(-2, 12, 26); date <= new LocalDate(2, 3, 5); date = date.PlusDays(1))
        {
            var key = DateKey.Of(date);
            key.Should().BeGreaterThan(previous, "{0} comes after the day before it", date);
            previous = key;
        }

        DateKey.Of(new LocalDate(2028, 2, 29)).Should().BeLessThan(DateKey.Of(new LocalDate(2028, 3, 1)));
        DateKey.Of(new LocalDate(2026, 12, 31)).Should().BeLessThan(DateKey.Of(new LocalDate(2027, 1, 1)));
    }

    [Fact]
    public void Of_AnyTwoDates_OrderedAsTheDates()
    {
        var rng = new Random(20261127);
        for (var i = 0; i < 100_000; i++)
        {
            var a = LocalDate.MinIsoValue.PlusDays(rng.Next(40, 7_304_078));
            var b = rng.Next(3) == 0 ? a.PlusDays(rng.Next(-40, 40)) : LocalDate.MinIsoValue.PlusDays(rng.Next(0, 7_304_118));
            Math.Sign(DateKey.Of(a).CompareTo(DateKey.Of(b))).Should().Be(Math.Sign(a.CompareTo(b)), "{0} against {1}", a, b);
        }
    }
}
