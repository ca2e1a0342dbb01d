namespace EscalationStudio.Domain.Calendars;

/// <summary>
/// Counts business time on a <see cref="BusinessCalendar"/>: only inside its opening windows, never on its holidays,
/// and never during the given pauses. Results are exact to the tick and returned in UTC.
/// </summary>
public sealed class BusinessClock
{
    /// <summary>No SLA target is longer than this; anything beyond is a typo that would make the clock search for ages.</summary>
    public static readonly TimeSpan LongestDuration = TimeSpan.FromDays(3650);

    private readonly OpeningWindows _windows;

    private BusinessClock(BusinessCalendar calendar, TimeZoneInfo zone)
    {
        Calendar = calendar;
        Zone = zone;
        _windows = new OpeningWindows(zone, calendar.WeeklyHours, (calendar.Holidays ?? []).Select(h => h.Date));
    }

    public BusinessCalendar Calendar { get; }

    public TimeZoneInfo Zone { get; }

    /// <exception cref="InvalidBusinessCalendarException">The calendar cannot count time; the message lists why.</exception>
    public static BusinessClock For(BusinessCalendar calendar)
    {
        var problems = BusinessCalendarProblems.Find(calendar);
        if (problems.Count > 0)
        {
            throw new InvalidBusinessCalendarException(calendar.Id, problems);
        }

        return new BusinessClock(calendar, TimeZoneInfo.FindSystemTimeZoneById(calendar.TimeZone));
    }

    /// <summary>Calendar hours: the clock runs every minute of every day. Used for targets not kept in business hours.</summary>
    public static BusinessClock AroundTheClock(string timeZone = "UTC") =>
        For(new BusinessCalendar(
            "around-the-clock",
            "Around the clock",
            timeZone,
            [.. Enum.GetValues<DayOfWeek>().Select(day => new WorkingHours(day, TimeOnly.MinValue, TimeOnly.MinValue))],
            []));

    /// <summary>The instant at which <paramref name="businessDuration"/> of business time has passed since <paramref name="start"/>.</summary>
    /// <remarks>A zero duration is due at <paramref name="start"/> itself, even outside business hours.</remarks>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan businessDuration, IReadOnlyList<ClockPause>? pauses = null)
    {
        if (businessDuration < TimeSpan.Zero || businessDuration > LongestDuration)
        {
            throw new ArgumentOutOfRangeException(
                nameof(businessDuration),
                businessDuration,
                $"A business duration must lie between zero and {LongestDuration.TotalDays:0} days.");
        }

        if (businessDuration == TimeSpan.Zero)
        {
            return start.ToUniversalTime();
        }

        var remaining = businessDuration;
        foreach (var piece in CountingTime(start, pauses))
        {
            if (remaining <= piece.Length)
            {
                return piece.Start + remaining;
            }

            remaining -= piece.Length;
        }

        throw new InvalidOperationException("Business time ran past the end of the calendar.");
    }

    /// <summary>Business time between two instants; zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<ClockPause>? pauses = null)
    {
        var elapsed = TimeSpan.Zero;
        if (to <= from)
        {
            return elapsed;
        }

        foreach (var piece in CountingTime(from, pauses))
        {
            if (piece.Start >= to)
            {
                break;
            }

            elapsed += (piece.End < to ? piece.End : to) - piece.Start;
            if (piece.End >= to)
            {
                break;
            }
        }

        return elapsed;
    }

    /// <summary>The first instant at or after <paramref name="at"/> when the team is at work.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset at) => _windows.From(at.ToUniversalTime()).First().Start;

    public bool IsOpen(DateTimeOffset at) => NextOpening(at) == at;

    /// <summary>Opening time minus pauses, in order.</summary>
    private IEnumerable<TimeInterval> CountingTime(DateTimeOffset from, IReadOnlyList<ClockPause>? pauses)
    {
        var stops = ClockPause.Normalize(pauses);
        var next = 0;
        foreach (var window in _windows.From(from.ToUniversalTime()))
        {
            var cursor = window.Start;
            while (next < stops.Length && stops[next].End <= cursor)
            {
                next++;
            }

            for (var i = next; i < stops.Length && stops[i].Start < window.End; i++)
            {
                if (stops[i].Start > cursor)
                {
                    yield return new TimeInterval(cursor, stops[i].Start);
                }

                if (stops[i].End > cursor)
                {
                    cursor = stops[i].End;
                }
            }

            if (cursor < window.End)
            {
                yield return new TimeInterval(cursor, window.End);
            }
        }
    }
}
