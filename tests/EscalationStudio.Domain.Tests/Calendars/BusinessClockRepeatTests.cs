using EscalationStudio.Domain.Calendars;
using static EscalationStudio.Domain.Tests.Calendars.Calendars;

namespace EscalationStudio.Domain.Tests.Calendars;

/// <summary>A clock keeps the days it has worked out; asking again, or about other days first, must not change an answer.</summary>
public sealed class BusinessClockRepeatTests
{
    private static BusinessCalendar NightShiftsInBerlin() =>
        WeeklyOn("Europe/Berlin", [DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday], (22, 6), (9, 12))
            .WithHolidays(new DateOnly(2026, 3, 29), new DateOnly(2026, 10, 24), new DateOnly(2026, 12, 25));

    [Fact]
    public void A_clock_asked_again_answers_as_a_fresh_clock_does()
    {
        var kept = BusinessClock.For(NightShiftsInBerlin());
        var starts = Enumerable.Range(0, 365 * 4).Select(i => Utc(2026, 1, 1, 0).AddHours(i * 6 + i % 5)).ToList();

        foreach (var round in new[] { 1, 2 })
        {
            foreach (var start in starts)
            {
                var fresh = BusinessClock.For(NightShiftsInBerlin());
                Assert.Equal(fresh.Add(start, TimeSpan.FromHours(7)), kept.Add(start, TimeSpan.FromHours(7)));
                Assert.Equal(fresh.Elapsed(start, start.AddDays(9)), kept.Elapsed(start, start.AddDays(9)));
                Assert.Equal(fresh.NextOpening(start), kept.NextOpening(start));
            }

            // The second round asks in the opposite order, so each day is looked up after its neighbours are kept.
            starts.Reverse();
        }
    }

    [Fact]
    public void Counting_across_more_days_than_a_clock_keeps_still_counts_every_day()
    {
        var clock = BusinessClock.AroundTheClock("Europe/Berlin");
        var from = Utc(2020, 1, 1, 0);
        var to = Utc(2035, 1, 1, 0);

        Assert.Equal(to - from, clock.Elapsed(from, to));
        Assert.Equal(to - from, clock.Elapsed(from, to));
        Assert.Equal(from.AddDays(3000), clock.Add(from, TimeSpan.FromDays(3000)));
    }
}
