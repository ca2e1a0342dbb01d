using EscalationStudio.Domain.Calendars;
using static EscalationStudio.Domain.Tests.Calendars.Calendars;

namespace EscalationStudio.Domain.Tests.Calendars;

public sealed class BusinessClockElapsedTests
{
    private readonly BusinessClock _office = BusinessClock.For(Weekly("Europe/Berlin", (9, 17)));

    [Fact]
    public void Elapsed_over_a_weekend_counts_only_open_hours() =>
        Assert.Equal(TimeSpan.FromHours(2), _office.Elapsed(Berlin(2026, 3, 6, 16), Berlin(2026, 3, 9, 10)));

    [Fact]
    public void Elapsed_to_before_from_is_zero() =>
        Assert.Equal(TimeSpan.Zero, _office.Elapsed(Berlin(2026, 3, 9, 10), Berlin(2026, 3, 6, 16)));

    [Fact]
    public void Elapsed_entirely_outside_hours_is_zero() =>
        Assert.Equal(TimeSpan.Zero, _office.Elapsed(Berlin(2026, 3, 2, 18), Berlin(2026, 3, 3, 8)));

    [Fact]
    public void Elapsed_accepts_instants_in_any_offset() =>
        Assert.Equal(TimeSpan.FromHours(1), _office.Elapsed(Utc(2026, 3, 2, 8), new DateTimeOffset(2026, 3, 2, 4, 0, 0, TimeSpan.FromHours(-5))));

    [Fact]
    public void Elapsed_overlapping_windows_of_one_day_are_counted_once()
    {
        var clock = BusinessClock.For(Weekly("Europe/Berlin", (9, 13), (12, 17)));
        Assert.Equal(TimeSpan.FromHours(8), clock.Elapsed(Berlin(2026, 3, 2, 0), Berlin(2026, 3, 3, 0)));
    }

    [Fact]
    public void Elapsed_with_a_pause_inside_open_hours_leaves_the_pause_out()
    {
        ClockPause[] pauses = [new(Berlin(2026, 3, 2, 10), Berlin(2026, 3, 2, 12))];
        Assert.Equal(TimeSpan.FromHours(6), _office.Elapsed(Berlin(2026, 3, 2, 9), Berlin(2026, 3, 2, 17), pauses));
    }

    [Fact]
    public void Elapsed_overlapping_and_unsorted_pauses_are_merged_before_counting()
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
    public void Add_with_a_pause_pushes_the_due_time_back()
    {
        ClockPause[] pauses = [new(Berlin(2026, 3, 2, 10), Berlin(2026, 3, 2, 12))];
        Assert.Equal(Berlin(2026, 3, 2, 15), _office.Add(Berlin(2026, 3, 2, 9), TimeSpan.FromHours(4), pauses));
    }

    [Fact]
    public void Add_with_a_pause_over_the_weekend_changes_nothing()
    {
        ClockPause[] pauses = [new(Berlin(2026, 3, 6, 18), Berlin(2026, 3, 9, 8))];
        Assert.Equal(Berlin(2026, 3, 9, 10), _office.Add(Berlin(2026, 3, 6, 16), TimeSpan.FromHours(2), pauses));
    }

    [Fact]
    public void Add_with_a_pause_starting_before_the_start_counts_from_the_pause_end()
    {
        ClockPause[] pauses = [new(Berlin(2026, 3, 2, 8), Berlin(2026, 3, 2, 11))];
        Assert.Equal(Berlin(2026, 3, 2, 12), _office.Add(Berlin(2026, 3, 2, 10), TimeSpan.FromHours(1), pauses));
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    public void Add_then_elapsed_gives_back_the_duration_for_many_starts_and_durations(string zone)
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
