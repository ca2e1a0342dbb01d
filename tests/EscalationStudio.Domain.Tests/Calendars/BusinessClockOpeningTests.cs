using EscalationStudio.Domain.Calendars;
using static EscalationStudio.Domain.Tests.Calendars.Calendars;

namespace EscalationStudio.Domain.Tests.Calendars;

public sealed class BusinessClockOpeningTests
{
    private readonly BusinessClock _office = BusinessClock.For(Weekly("Europe/Berlin", (9, 17)));
    private readonly BusinessClock _nightShift = BusinessClock.For(Weekly("Europe/Berlin", (22, 6)));

    [Fact]
    public void NextOpening_while_open_is_now() =>
        Assert.Equal(Berlin(2026, 3, 2, 11), _office.NextOpening(Berlin(2026, 3, 2, 11)));

    [Fact]
    public void NextOpening_after_friday_closing_is_monday_morning() =>
        Assert.Equal(Berlin(2026, 3, 9, 9), _office.NextOpening(Berlin(2026, 3, 6, 17)));

    [Fact]
    public void NextOpening_skips_holidays()
    {
        var clock = BusinessClock.For(Weekly("Europe/Berlin", (9, 17)).WithHolidays(new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 10)));
        Assert.Equal(Berlin(2026, 3, 11, 9), clock.NextOpening(Berlin(2026, 3, 7, 12)));
    }

    [Fact]
    public void IsOpen_at_closing_time_is_false()
    {
        Assert.True(_office.IsOpen(Berlin(2026, 3, 2, 9)));
        Assert.False(_office.IsOpen(Berlin(2026, 3, 2, 17)));
    }

    [Fact]
    public void Night_shift_started_friday_runs_into_saturday_morning()
    {
        Assert.True(_nightShift.IsOpen(Berlin(2026, 3, 7, 5)));
        Assert.False(_nightShift.IsOpen(Berlin(2026, 3, 7, 7)));
        Assert.Equal(Berlin(2026, 3, 9, 22), _nightShift.NextOpening(Berlin(2026, 3, 7, 7)));
    }

    [Fact]
    public void Night_shift_add_across_midnight_counts_both_sides() =>
        Assert.Equal(Berlin(2026, 3, 3, 2), _nightShift.Add(Berlin(2026, 3, 2, 23), TimeSpan.FromHours(3)));

    [Fact]
    public void Night_shift_into_a_holiday_stops_at_midnight()
    {
        var clock = BusinessClock.For(Weekly("Europe/Berlin", (22, 6)).WithHolidays(new DateOnly(2026, 3, 3)));
        Assert.Equal(TimeSpan.FromHours(2), clock.Elapsed(Berlin(2026, 3, 2, 12), Berlin(2026, 3, 3, 12)));
    }

    [Fact]
    public void Whole_day_window_covers_midnight_to_midnight()
    {
        var clock = BusinessClock.For(new BusinessCalendar("x", "x", "UTC",
            [new WorkingHours(DayOfWeek.Monday, TimeOnly.MinValue, TimeOnly.MinValue)], []));
        Assert.Equal(TimeSpan.FromHours(24), clock.Elapsed(Utc(2026, 3, 1, 0), Utc(2026, 3, 4, 0)));
    }

    [Fact]
    public void For_a_broken_calendar_lists_every_problem_with_its_field()
    {
        var calendar = new BusinessCalendar("broken", "Broken", "Mars/Olympus_Mons", [], []);
        var error = Assert.Throws<InvalidBusinessCalendarException>(() => BusinessClock.For(calendar));
        Assert.Equal("broken", error.CalendarId);
        Assert.Contains(error.Problems, p => p.StartsWith("TimeZone:", StringComparison.Ordinal) && p.Contains("Mars/Olympus_Mons", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("WeeklyHours:", StringComparison.Ordinal));
    }

    [Fact]
    public void For_an_undefined_weekday_names_the_window()
    {
        var calendar = new BusinessCalendar("x", "x", "UTC", [new WorkingHours((DayOfWeek)9, new TimeOnly(9, 0), new TimeOnly(17, 0))], []);
        var error = Assert.Throws<InvalidBusinessCalendarException>(() => BusinessClock.For(calendar));
        Assert.Contains("WeeklyHours[0].Day", error.Message, StringComparison.Ordinal);
    }
}
