using System.Collections.Concurrent;

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

    // Enough for years of days; past it the table starts again rather than growing with a clock asked about any date.
    private const int KeptDays = 4_096;

    private readonly TimeZoneInfo _zone;
    private readonly (TimeOnly Opens, TimeOnly Closes)[][] _windowsByDay;
    private readonly HashSet<DateOnly> _holidays;

    // A local day's windows as instants never change for a calendar, and the SLA clock asks for the same days over and
    // over (every check of a ticket counts from its creation, every briefing again), each day costing a few time-zone
    // conversions: about 5 % of a replay's CPU went on them.
    private readonly ConcurrentDictionary<DateOnly, TimeInterval[]> _days = new();

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

    private TimeInterval[] WindowsOf(DateOnly day)
    {
        if (_days.TryGetValue(day, out var kept))
        {
            return kept;
        }

        var windows = Compute(day);
        if (_days.Count >= KeptDays)
        {
            _days.Clear();
        }

        _days[day] = windows;
        return windows;
    }

    private TimeInterval[] Compute(DateOnly day)
    {
        if (_holidays.Contains(day))
        {
            return [];
        }

        var nextDay = day.AddDays(1);
        var nextDayIsHoliday = _holidays.Contains(nextDay);
        var hours = _windowsByDay[(int)day.DayOfWeek];
        var intervals = new TimeInterval[hours.Length];
        for (var i = 0; i < hours.Length; i++)
        {
            var (opens, closes) = hours[i];
            var start = ZoneInstants.ToInstant(_zone, day.ToDateTime(opens), firstOccurrence: true);
            var overnight = closes <= opens;
            var closingTime = overnight && nextDayIsHoliday ? TimeOnly.MinValue : closes;
            var closingDay = overnight ? nextDay : day;
            var end = ZoneInstants.ToInstant(_zone, closingDay.ToDateTime(closingTime), firstOccurrence: false);
            intervals[i] = new TimeInterval(start, end);
        }

        // In order of opening time already, but a DST gap can move a window's start past a later one's.
        return [.. intervals.OrderBy(i => i.Start)];
    }
}
