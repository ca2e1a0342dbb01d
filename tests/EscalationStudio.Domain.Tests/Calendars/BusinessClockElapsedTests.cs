using EscalationStudio.Domain.Calendars;
using static EscalationStudio.Domain.Tests.Calendars.Calendars;

namespace EscalationStudio.Domain.Tests.Calendars;

public sealed class BusinessClockElapsedTests
{
    private readonly BusinessClock _office = BusinessClock.For(Weekly("Europe/Berlin", (9, 17)));

    [Fact]
    public void Elapsed_OverAWeekend_CountsOnlyOpenHours() =>
        Assert.Equal(TimeSpan.FromHours(2), _office.Elapsed(Berlin(2026, 3, 6, 16), Berlin(2026, 3, 9, 10)));

    [Fact]
    public void Elapsed_ToBeforeFrom_IsZero() =>
        Assert.Equal(TimeSpan.Zero, _office.Elapsed(Berlin(2026, 3, 9, 10), Berlin(2026, 3, 6, 16)));

    [Fact]
    public void Elapsed_EntirelyOutsideHours_IsZero() =>
        Assert.Equal(TimeSpan.Zero, _office.Elapsed(Berlin(2026, 3, 2, 18), Berlin(2026, 3, 3, 8)));

    [Fact]
    public void Elapsed_AcceptsInstantsInAnyOffset() =>
        Assert.Equal(TimeSpan.FromHours(1), _office.Elapsed(Utc(2026, 3, 2, 8), new DateTimeOffset(2026, 3, 2, 4, 0, 0, TimeSpan.FromHours(-5))));

    [Fact]
    public void Elapsed_OverlappingWindowsOfOneDay_AreCountedOnce()
    {
        var clock = BusinessClock.For(Weekly("Europe/Berlin", (9, 13), (12, 17)));
        Assert.Equal(TimeSpan.FromHours(8), clock.Elapsed(Berlin(2026, 3, 2, 0), Berlin(2026, 3, 3, 0)));
    }

    [Fact]
    public void Elapsed_WithAPauseInsideOpenHours_LeavesThePauseOut()
    {
        ClockPause[] pauses = [new(Berlin(2026, 3, 2, 10), Berlin(2026, 3, 2, 12))];
        Assert.Equal(TimeSpan.FromHours(6), _office.Elapsed(Berlin(2026, 3, 2, 9), Berlin(2026, 3, 2, 17), pauses));
    }

    [Fact]
    public void Elapsed_OverlappingAndUnsortedPauses_AreMergedBeforeCounting()
    {
        ClockPause[] pauses =
        [
            new(Berlin(2026, 3, 2, 14), Berlin(2026, 3, 2, 16)),
            new(Berlin(2026, 3, 2, 10), Berlin(2026, 3, 2, 12)),
            new(Berlin(2026, 3, 2, 11), Berlin(2026, 3, 2, 15)),
        ];
        Assert.Equal(TimeSpan.FromHours(2), _office.Elapsed(Berlin(2026, 3, 2, 9), Berlin(2026, 3, 2, 17), pauses));
    }

    [Fact]
    public void Add_WithAPause_PushesTheDueTimeBack()
    {
        ClockPause[] pauses = [new(Berlin(2026, 3, 2, 10), Berlin(2026, 3, 2, 12))];
        Assert.Equal(Berlin(2026, 3, 2, 15), _office.Add(Berlin(2026, 3, 2, 9), TimeSpan.FromHours(4), pauses));
    }

    [Fact]
    public void Add_WithAPauseOverTheWeekend_ChangesNothing()
    {
        ClockPause[] pauses = [new(Berlin(2026, 3, 6, 18), Berlin(2026, 3, 9, 8))];
        Assert.Equal(Berlin(2026, 3, 9, 10), _office.Add(Berlin(2026, 3, 6, 16), TimeSpan.FromHours(2), pauses));
    }

    [Fact]
    public void Add_WithAPauseStartingBeforeTheStart_CountsFromThePauseEnd()
    {
        ClockPause[] pauses = [new(Berlin(2026, 3, 2, 8), Berlin(2026, 3, 2, 11))];
        Assert.Equal(Berlin(2026, 3, 2, 12), _office.Add(Berlin(2026, 3, 2, 10), TimeSpan.FromHours(1), pauses));
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    public void Add_ThenElapsed_GivesBackTheDurationForManyStartsAndDurations(string zone)
    {
        var calendar = Weekly(zone, (8, 12), (13, 18))
            .WithHolidays(new DateOnly(2026, 3, 30), new DateOnly(2026, 11, 2), new DateOnly(2026, 12, 25));
        var clock = BusinessClock.For(calendar);
        var random = new Random(4711);
        for (var i = 0; i < 300; i++)
        {
            var start = Utc(2026, 1, 1, 0).AddMinutes(random.Next(0, 365 * 24 * 60));
            var duration = TimeSpan.FromMinutes(random.Next(1, 200 * 60));
            var due = clock.Add(start, duration);
            Assert.Equal(duration, clock.Elapsed(start, due));
            Assert.True(clock.IsOpen(due.AddTicks(-1)), $"due {due:o} for {duration} from {start:o} is not at the end of open time");
        }
    }
}
