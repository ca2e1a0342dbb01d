using EscalationStudio.Domain.Calendars;
using static EscalationStudio.Domain.Tests.Calendars.Calendars;

namespace EscalationStudio.Domain.Tests.Calendars;

public sealed class BusinessClockAddTests
{
    // 2026-03-02 is a Monday.
    private readonly BusinessClock _office = BusinessClock.For(Weekly("Europe/Berlin", (9, 17)));

    [Fact]
    public void Add_InsideOneWindow_StaysOnTheSameDay() =>
        Assert.Equal(Berlin(2026, 3, 2, 12), _office.Add(Berlin(2026, 3, 2, 10), TimeSpan.FromHours(2)));

    [Fact]
    public void Add_PastFridayClosing_ContinuesOnMonday() =>
        Assert.Equal(Berlin(2026, 3, 9, 15), _office.Add(Berlin(2026, 3, 6, 15), TimeSpan.FromHours(8)));

    [Fact]
    public void Add_StartingOnTheWeekend_CountsFromMondayOpening() =>
        Assert.Equal(Berlin(2026, 3, 9, 9, 30), _office.Add(Berlin(2026, 3, 7, 11), TimeSpan.FromMinutes(30)));

    [Fact]
    public void Add_ExactlyTheRestOfTheDay_IsDueAtClosingNotNextMorning() =>
        Assert.Equal(Berlin(2026, 3, 2, 17), _office.Add(Berlin(2026, 3, 2, 9), TimeSpan.FromHours(8)));

    [Fact]
    public void Add_WithALunchBreak_SkipsTheBreak()
    {
        var clock = BusinessClock.For(Weekly("Europe/Berlin", (9, 12), (13, 17)));
        Assert.Equal(Berlin(2026, 3, 2, 15), clock.Add(Berlin(2026, 3, 2, 10), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Add_OverAHoliday_SkipsTheWholeDay()
    {
        var clock = BusinessClock.For(Weekly("Europe/Berlin", (9, 17)).WithHolidays(new DateOnly(2026, 3, 9)));
        Assert.Equal(Berlin(2026, 3, 10, 9, 30), clock.Add(Berlin(2026, 3, 6, 16, 30), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Add_ZeroDuration_IsDueAtTheStartEvenWhenClosed() =>
        Assert.Equal(Berlin(2026, 3, 7, 11), _office.Add(Berlin(2026, 3, 7, 11), TimeSpan.Zero));

    [Fact]
    public void Add_NegativeDuration_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _office.Add(Berlin(2026, 3, 2, 9), TimeSpan.FromMinutes(-1)));

    [Fact]
    public void Add_DurationBeyondTenYears_ThrowsInsteadOfSearchingForAges() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _office.Add(Berlin(2026, 3, 2, 9), TimeSpan.MaxValue));

    [Fact]
    public void Add_KeepsSecondPrecision() =>
        Assert.Equal(Berlin(2026, 3, 2, 9).AddSeconds(61), _office.Add(Berlin(2026, 3, 2, 9), TimeSpan.FromSeconds(61)));

    [Fact]
    public void Add_FiftyWeeksOfBusinessHours_EndsOnTheFiftiethFridayAtClosing() =>
        Assert.Equal(Berlin(2027, 2, 12, 17), _office.Add(Berlin(2026, 3, 2, 9), TimeSpan.FromHours(40 * 50)));

    [Fact]
    public void Add_ReturnsUtc() =>
        Assert.Equal(TimeSpan.Zero, _office.Add(Berlin(2026, 3, 2, 10), TimeSpan.FromHours(1)).Offset);

    [Fact]
    public void Add_AroundTheClock_CountsCalendarTime()
    {
        var clock = BusinessClock.AroundTheClock();
        Assert.Equal(Utc(2026, 4, 1, 10), clock.Add(Utc(2026, 3, 2, 10), TimeSpan.FromDays(30)));
    }
}
