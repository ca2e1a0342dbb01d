namespace EscalationStudio.Domain.Calendars;

/// <summary>Finds every reason a calendar cannot count business time, so a bad org file fails with one clear list.</summary>
internal static class BusinessCalendarProblems
{
    public static IReadOnlyList<string> Find(BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(calendar.Id))
        {
            problems.Add("Id: a calendar needs an id");
        }

        if (string.IsNullOrWhiteSpace(calendar.TimeZone))
        {
            problems.Add("TimeZone: a calendar needs an IANA time zone such as 'Europe/Berlin'");
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(calendar.TimeZone, out _))
        {
            problems.Add($"TimeZone: '{calendar.TimeZone}' is not a known IANA time zone");
        }

        if (calendar.WeeklyHours is null || calendar.WeeklyHours.Count == 0)
        {
            problems.Add("WeeklyHours: a calendar needs at least one opening window");
        }
        else
        {
            for (var i = 0; i < calendar.WeeklyHours.Count; i++)
            {
                var window = calendar.WeeklyHours[i];
                if (window is null)
                {
                    problems.Add($"WeeklyHours[{i}]: is empty");
                }
                else if (!Enum.IsDefined(window.Day))
                {
                    problems.Add($"WeeklyHours[{i}].Day: '{(int)window.Day}' is not a weekday");
                }
            }
        }

        if (calendar.Holidays is not null && calendar.Holidays.Any(h => h is null))
        {
            problems.Add("Holidays: contains an empty entry");
        }

        return problems;
    }
}
