using EscalationStudio.Domain.Calendars;
using static EscalationStudio.Domain.Tests.Calendars.Calendars;

namespace EscalationStudio.Domain.Tests.Calendars;

public sealed class BusinessClockAddTests
{
    // 2026-03-02 is a Monday.
    private readonly BusinessClock _office = BusinessClock.For(Weekly("Europe/Berlin", (9, 17)));

    [Fact]
    public void Add_inside_one_window_stays_on_the_same_day() =>
        Assert.Equal(Berlin(2026, 3, 2, 12), _office.Add(Berlin(2026, 3, 2, 10), TimeSpan.FromHours(2)));

    [Fact]
    public void Add_past_friday_closing_continues_on_monday() =>
        Assert.Equal(Berlin(2026, 3, 9, 15), _office.Add(Berlin(2026, 3, 6, 15), TimeSpan.FromHours(8)));

    [Fact]
    public void Add_starting_on_the_weekend_counts_from_monday_opening() =>
        Assert.Equal(Berlin(2026, 3, 9, 9, 30), _office.Add(Berlin(2026, 3, 7, 11), TimeSpan.FromMinutes(30)));

    [Fact]
    public void Add_exactly_the_rest_of_the_day_is_due_at_closing_not_next_morning() =>
        Assert.Equal(Berlin(2026, 3, 2, 17), _office.Add(Berlin(2026, 3, 2, 9), TimeSpan.FromHours(8)));

    [Fact]
    public void Add_with_a_lunch_break_skips_the_break()
    {
        var clock = BusinessClock.For(Weekly("Europe/Berlin", (9, 12), (13, 17)));
        Assert.Equal(Berlin(2026, 3, 2, 15), clock.Add(Berlin(2026, 3, 2, 10), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Add_over_a_holiday_skips_the_whole_day()
    {
        var clock = BusinessClock.For(Weekly("Europe/Berlin", (9, 17)).WithHolidays(new DateOnly(2026, 3, 9)));
        Assert.Equal(Berlin(2026, 3, 10, 9, 30), clock.Add(Berlin(2026, 3, 6, 16, 30), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Add_zero_duration_is_due_at_the_start_even_when_closed() =>
        Assert.Equal(Berlin(2026, 3, 7, 11), _office.Add(Berlin(2026, 3, 7, 11), TimeSpan.Zero));

    [Fact]
    public void Add_negative_duration_throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _office.Add(Berlin(2026, 3, 2, 9), TimeSpan.FromMinutes(-1)));

    [Fact]
    public void Add_duration_beyond_ten_years_throws_instead_of_searching_for_ages() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _office.Add(Berlin(2026, 3, 2, 9), TimeSpan.MaxValue));

    [Fact]
    public void Add_keeps_second_precision() =>
        Assert.Equal(Berlin(2026, 3, 2, 9).AddSeconds(61), _office.Add(Berlin(2026, 3, 2, 9), TimeSpan.FromSeconds(61)));

    [Fact]
    public void Add_fifty_weeks_of_business_hours_ends_on_the_fiftieth_friday_at_closing() =>
        Assert.Equal(Berlin(2027, 2, 12, 17), _office.Add(Berlin(2026, 3, 2, 9), TimeSpan.FromHours(40 * 50)));

    [Fact]
    public void Add_returns_utc() =>
        Assert.Equal(TimeSpan.Zero, _office.Add(Berlin(2026, 3, 2, 10), TimeSpan.FromHours(1)).Offset);

    [Fact]
    public void Add_around_the_clock_counts_calendar_time()
    {
        var clock = BusinessClock.AroundTheClock();
        Assert.Equal(Utc(2026, 4, 1, 10), clock.Add(Utc(2026, 3, 2, 10), TimeSpan.FromDays(30)));
    }
}
