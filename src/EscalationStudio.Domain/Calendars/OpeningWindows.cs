namespace EscalationStudio.Domain.Calendars;

/// <summary>An interval of real time, start inclusive and end exclusive.</summary>
internal readonly record struct TimeInterval(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Length => End - Start;
}

/// <summary>
/// The calendar's opening windows as UTC intervals, in order, from a given instant on.
/// Overnight windows (closing at or before their opening time) run into the next day; a holiday closes
/// its whole local day, including the tail of an overnight shift that started the evening before.
/// </summary>
internal sealed class OpeningWindows
{
    private static readonly DateOnly LastCountableDay = DateOnly.MaxValue.AddDays(-3);

    private readonly TimeZoneInfo _zone;
    private readonly (TimeOnly Opens, TimeOnly Closes)[][] _windowsByDay;
    private readonly HashSet<DateOnly> _holidays;

    public OpeningWindows(TimeZoneInfo zone, IEnumerable<WorkingHours> weeklyHours, IEnumerable<DateOnly> holidays)
    {
        _zone = zone;
        _windowsByDay = Enumerable.Range(0, 7)
            .Select(day => weeklyHours
                .Where(w => (int)w.Day == day)
                .Select(w => (w.Opens, w.Closes))
                .OrderBy(w => w.Opens)
                .ToArray())
            .ToArray();
        _holidays = [.. holidays];
    }

    /// <summary>
    /// Non-overlapping pieces of open time in order. Touching pieces are not merged: a 24/7 calendar would
    /// otherwise never finish its first piece.
    /// </summary>
    public IEnumerable<TimeInterval> From(DateTimeOffset from)
    {
        var coveredUntil = from;
        // Start a day early: yesterday's overnight shift may still be running.
        for (var day = ZoneInstants.LocalDate(_zone, from).AddDays(-1); day <= LastCountableDay; day = day.AddDays(1))
        {
            foreach (var window in WindowsOf(day))
            {
                if (window.End <= coveredUntil || window.End <= window.Start)
                {
                    continue;
                }

                var start = window.Start < coveredUntil ? coveredUntil : window.Start;
                coveredUntil = window.End;
                yield return new TimeInterval(start, window.End);
            }
        }

        throw new InvalidOperationException("The business calendar was searched to the end of representable time.");
    }

    private IEnumerable<TimeInterval> WindowsOf(DateOnly day)
    {
        if (_holidays.Contains(day))
        {
            yield break;
        }

        var nextDay = day.AddDays(1);
        var nextDayIsHoliday = _holidays.Contains(nextDay);
        var intervals = new List<TimeInterval>();
        foreach (var (opens, closes) in _windowsByDay[(int)day.DayOfWeek])
        {
            var start = ZoneInstants.ToInstant(_zone, day.ToDateTime(opens), firstOccurrence: true);
            var overnight = closes <= opens;
            var closingTime = overnight && nextDayIsHoliday ? TimeOnly.MinValue : closes;
            var closingDay = overnight ? nextDay : day;
            var end = ZoneInstants.ToInstant(_zone, closingDay.ToDateTime(closingTime), firstOccurrence: false);
            intervals.Add(new TimeInterval(start, end));
        }

        foreach (var interval in intervals.OrderBy(i => i.Start))
        {
            yield return interval;
        }
    }
}
