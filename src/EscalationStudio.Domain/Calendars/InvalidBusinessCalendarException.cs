namespace EscalationStudio.Domain.Calendars;

/// <summary>A calendar that cannot count business time; every problem is listed, each naming its field.</summary>
public sealed class InvalidBusinessCalendarException(string calendarId, IReadOnlyList<string> problems)
    : Exception($"Business calendar '{calendarId}' is invalid: {string.Join("; ", problems)}")
{
    public string CalendarId { get; } = calendarId;

    public IReadOnlyList<string> Problems { get; } = problems;
}
