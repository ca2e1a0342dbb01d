using EscalationStudio.Domain.Calendars;

namespace EscalationStudio.Domain.Tests.Calendars;

/// <summary>Calendars and wall-clock instants the tests share.</summary>
internal static class Calendars
{
    public static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static BusinessCalendar Weekly(string zone, params (int OpensHour, int ClosesHour)[] windows) =>
        WeeklyOn(zone, Weekdays, windows);

    public static BusinessCalendar WeeklyOn(string zone, DayOfWeek[] days, params (int OpensHour, int ClosesHour)[] windows) =>
        new("test", "Test", zone,
            [.. days.SelectMany(day => windows.Select(w => new WorkingHours(day, new TimeOnly(w.OpensHour, 0), new TimeOnly(w.ClosesHour, 0))))],
            []);

    public static BusinessCalendar WithHolidays(this BusinessCalendar calendar, params DateOnly[] dates) =>
        calendar with { Holidays = [.. dates.Select(d => new Holiday(d, "Holiday"))] };

    /// <summary>The instant a wall clock in <paramref name="zone"/> shows; only for unambiguous times.</summary>
    public static DateTimeOffset Local(string zone, int year, int month, int day, int hour, int minute = 0)
    {
        var info = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var wall = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(wall, info.GetUtcOffset(wall));
    }

    public static DateTimeOffset Berlin(int year, int month, int day, int hour, int minute = 0) =>
        Local("Europe/Berlin", year, month, day, hour, minute);

    public static DateTimeOffset NewYork(int year, int month, int day, int hour, int minute = 0) =>
        Local("America/New_York", year, month, day, hour, minute);

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
