using EscalationStudio.Domain.Calendars;
using static EscalationStudio.Domain.Tests.Calendars.Calendars;

namespace EscalationStudio.Domain.Tests.Calendars;

/// <summary>Berlin moves its clocks on 2026-03-29 and 2026-10-25; New York on 2026-03-08 and 2026-11-01.</summary>
public sealed class BusinessClockDaylightSavingTests
{
    private static readonly DayOfWeek[] EveryDay = Enum.GetValues<DayOfWeek>();

    [Fact]
    public void Elapsed_night_window_on_berlin_spring_forward_is_one_hour_shorter()
    {
        var clock = BusinessClock.For(WeeklyOn("Europe/Berlin", EveryDay, (0, 6)));
        Assert.Equal(TimeSpan.FromHours(5), clock.Elapsed(Berlin(2026, 3, 29, 0), Berlin(2026, 3, 29, 12)));
    }

    [Fact]
    public void Elapsed_night_window_on_berlin_fall_back_is_one_hour_longer()
    {
        var clock = BusinessClock.For(WeeklyOn("Europe/Berlin", EveryDay, (0, 6)));
        Assert.Equal(TimeSpan.FromHours(7), clock.Elapsed(Berlin(2026, 10, 25, 0), Berlin(2026, 10, 25, 12)));
    }

    [Fact]
    public void Add_around_the_clock_in_berlin_a_day_across_spring_forward_ends_an_hour_later_on_the_wall_clock()
    {
        var clock = BusinessClock.AroundTheClock("Europe/Berlin");
        Assert.Equal(Berlin(2026, 3, 29, 13), clock.Add(Berlin(2026, 3, 28, 12), TimeSpan.FromHours(24)));
    }

    [Fact]
    public void Add_office_hours_across_berlin_spring_forward_keeps_local_opening_times()
    {
        var clock = BusinessClock.For(Weekly("Europe/Berlin", (9, 17)));
        var due = clock.Add(Berlin(2026, 3, 27, 16), TimeSpan.FromHours(2));
        Assert.Equal(Berlin(2026, 3, 30, 10), due);
        Assert.Equal(Utc(2026, 3, 30, 8), due);
    }

    [Fact]
    public void Add_office_hours_across_berlin_fall_back_keeps_local_opening_times()
    {
        var clock = BusinessClock.For(Weekly("Europe/Berlin", (9, 17)));
        Assert.Equal(Utc(2026, 10, 26, 9), clock.Add(Berlin(2026, 10, 23, 16), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Add_office_hours_across_new_york_spring_forward_opens_at_nine_eastern_daylight_time()
    {
        var clock = BusinessClock.For(Weekly("America/New_York", (9, 17)));
        var due = clock.Add(NewYork(2026, 3, 6, 16), TimeSpan.FromHours(2));
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.FromHours(-4)), due);
    }

    [Fact]
    public void Add_office_hours_across_new_york_fall_back_opens_at_nine_eastern_standard_time()
    {
        var clock = BusinessClock.For(Weekly("America/New_York", (9, 17)));
        var due = clock.Add(NewYork(2026, 10, 30, 16), TimeSpan.FromHours(2));
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.FromHours(-5)), due);
    }

    [Fact]
    public void Elapsed_new_york_night_shift_over_fall_back_counts_the_repeated_hour()
    {
        var clock = BusinessClock.For(WeeklyOn("America/New_York", [DayOfWeek.Saturday], (22, 6)));
        Assert.Equal(TimeSpan.FromHours(9), clock.Elapsed(NewYork(2026, 10, 31, 20), NewYork(2026, 11, 1, 12)));
    }

    [Fact]
    public void Elapsed_window_opening_inside_the_skipped_hour_opens_when_the_clocks_jump()
    {
        var calendar = new BusinessCalendar("x", "x", "Europe/Berlin",
            [new WorkingHours(DayOfWeek.Sunday, new TimeOnly(2, 30), new TimeOnly(4, 0))], []);
        var clock = BusinessClock.For(calendar);
        Assert.Equal(TimeSpan.FromMinutes(30), clock.Elapsed(Berlin(2026, 3, 29, 0), Berlin(2026, 3, 29, 12)));
        Assert.Equal(Berlin(2026, 3, 29, 3, 30), clock.NextOpening(Berlin(2026, 3, 29, 0)));
    }
}
