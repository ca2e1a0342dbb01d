namespace EscalationStudio.Domain.Calendars;

/// <summary>
/// When a support team is at work: SLA clocks only run inside these hours.
/// </summary>
/// <param name="Id">Stable id that policies refer to, e.g. <c>emea-office</c>.</param>
/// <param name="TimeZone">IANA time zone id, e.g. <c>Europe/Berlin</c>.</param>
public sealed record BusinessCalendar(
    string Id,
    string Name,
    string TimeZone,
    IReadOnlyList<WorkingHours> WeeklyHours,
    IReadOnlyList<Holiday> Holidays);

/// <summary>
/// One opening window on a weekday, in the calendar's local time. A day may have several windows (split shifts).
/// A window whose closing time is at or before its opening time runs overnight into the next day, so
/// 22:00–06:00 is a night shift and 00:00–00:00 is the whole day.
/// </summary>
public sealed record WorkingHours(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

/// <summary>A local day on which the team is off: the SLA clock does not run on it.</summary>
public sealed record Holiday(DateOnly Date, string Name);
