using EscalationStudio.Domain.Calendars;
using static EscalationStudio.Domain.Tests.Calendars.Calendars;

namespace EscalationStudio.Domain.Tests.Calendars;

public sealed class BusinessClockOpeningTests
{
    private readonly BusinessClock _office = BusinessClock.For(Weekly("Europe/Berlin", (9, 17)));
    private readonly BusinessClock _nightShift = BusinessClock.For(Weekly("Europe/Berlin", (22, 6)));

    [Fact]
    public void NextOpening_WhileOpen_IsNow() =>
        Assert.Equal(Berlin(2026, 3, 2, 11), _office.NextOpening(Berlin(2026, 3, 2, 11)));

    [Fact]
    public void NextOpening_AfterFridayClosing_IsMondayMorning() =>
        Assert.Equal(Berlin(2026, 3, 9, 9), _office.NextOpening(Berlin(2026, 3, 6, 17)));

    [Fact]
    public void NextOpening_SkipsHolidays()
    {
        var clock = BusinessClock.For(Weekly("Europe/Berlin", (9, 17)).WithHolidays(new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 10)));
        Assert.Equal(Berlin(2026, 3, 11, 9), clock.NextOpening(Berlin(2026, 3, 7, 12)));
    }

    [Fact]
    public void IsOpen_AtClosingTime_IsFalse()
    {
        Assert.True(_office.IsOpen(Berlin(2026, 3, 2, 9)));
        Assert.False(_office.IsOpen(Berlin(2026, 3, 2, 17)));
    }

    [Fact]
    public void NightShift_StartedFriday_RunsIntoSaturdayMorning()
    {
        Assert.True(_nightShift.IsOpen(Berlin(2026, 3, 7, 5)));
        Assert.False(_nightShift.IsOpen(Berlin(2026, 3, 7, 7)));
        Assert.Equal(Berlin(2026, 3, 9, 22), _nightShift.NextOpening(Berlin(2026, 3, 7, 7)));
    }

    [Fact]
    public void NightShift_AddAcrossMidnight_CountsBothSides() =>
        Assert.Equal(Berlin(2026, 3, 3, 2), _nightShift.Add(Berlin(2026, 3, 2, 23), TimeSpan.FromHours(3)));

    [Fact]
    public void NightShift_IntoAHoliday_StopsAtMidnight()
    {
        var clock = BusinessClock.For(Weekly("Europe/Berlin", (22, 6)).WithHolidays(new DateOnly(2026, 3, 3)));
        Assert.Equal(TimeSpan.FromHours(2), clock.Elapsed(Berlin(2026, 3, 2, 12), Berlin(2026, 3, 3, 12)));
    }

    [Fact]
    public void WholeDayWindow_CoversMidnightToMidnight()
    {
        var clock = BusinessClock.For(new BusinessCalendar("x", "x", "UTC",
            [new WorkingHours(DayOfWeek.Monday, TimeOnly.MinValue, TimeOnly.MinValue)], []));
        Assert.Equal(TimeSpan.FromHours(24), clock.Elapsed(Utc(2026, 3, 1, 0), Utc(2026, 3, 4, 0)));
    }

    [Fact]
    public void For_ABrokenCalendar_ListsEveryProblemWithItsField()
    {
        var calendar = new BusinessCalendar("broken", "Broken", "Mars/Olympus_Mons", [], []);
        var error = Assert.Throws<InvalidBusinessCalendarException>(() => BusinessClock.For(calendar));
        Assert.Equal("broken", error.CalendarId);
        Assert.Contains(error.Problems, p => p.StartsWith("TimeZone:", StringComparison.Ordinal) && p.Contains("Mars/Olympus_Mons", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("WeeklyHours:", StringComparison.Ordinal));
    }

    [Fact]
    public void For_AnUndefinedWeekday_NamesTheWindow()
    {
        var calendar = new BusinessCalendar("x", "x", "UTC", [new WorkingHours((DayOfWeek)9, new TimeOnly(9, 0), new TimeOnly(17, 0))], []);
        var error = Assert.Throws<InvalidBusinessCalendarException>(() => BusinessClock.For(calendar));
        Assert.Contains("WeeklyHours[0].Day", error.Message, StringComparison.Ordinal);
    }
}
