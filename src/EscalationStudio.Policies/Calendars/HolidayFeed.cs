using EscalationStudio.Domain.Calendars;
using Ical.Net.CalendarComponents;

namespace EscalationStudio.Policies.Calendars;

/// <summary>
/// Reads public holidays from an iCalendar (ICS) feed, the format every country's holiday calendar is published in.
/// Each day an event covers becomes a holiday; yearly recurring events are expanded within the requested years.
/// </summary>
public static class HolidayFeed
{
    /// <summary>Feeds larger than this are not holiday calendars; refusing them keeps a bad upload from eating memory.</summary>
    public const int MaxFeedCharacters = 2_000_000;

    public const int MaxYears = 30;

    /// <param name="source">Names the feed in errors, e.g. its file name or URL.</param>
    /// <exception cref="HolidayFeedException">The feed cannot be read; the message names <paramref name="source"/>.</exception>
    public static IReadOnlyList<Holiday> Read(string icsText, string source, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(icsText);
        if (to < from || to.Year - from.Year > MaxYears)
        {
            throw new HolidayFeedException(source, $"the range {from:yyyy-MM-dd}..{to:yyyy-MM-dd} must be ascending and span at most {MaxYears} years");
        }

        if (icsText.Length > MaxFeedCharacters)
        {
            throw new HolidayFeedException(source, $"the feed has {icsText.Length} characters, more than the {MaxFeedCharacters} allowed");
        }

        var calendar = Parse(icsText, source);
        var holidays = new SortedDictionary<DateOnly, string>();
        foreach (var holidayEvent in calendar.Events)
        {
            foreach (var day in DaysOf(holidayEvent, source, from, to))
            {
                holidays.TryAdd(day, string.IsNullOrWhiteSpace(holidayEvent.Summary) ? "Holiday" : holidayEvent.Summary.Trim());
            }
        }

        return [.. holidays.Select(h => new Holiday(h.Key, h.Value))];
    }

    /// <summary>The calendar with the feed's holidays added; days it already lists keep their own name.</summary>
    public static BusinessCalendar WithHolidays(this BusinessCalendar calendar, IEnumerable<Holiday> imported)
    {
        var known = (calendar.Holidays ?? []).Select(h => h.Date).ToHashSet();
        var added = imported.Where(h => known.Add(h.Date));
        return calendar with { Holidays = [.. (calendar.Holidays ?? []).Concat(added).OrderBy(h => h.Date)] };
    }

    private static Ical.Net.Calendar Parse(string icsText, string source)
    {
        try
        {
            return Ical.Net.Calendar.Load(icsText)
                ?? throw new HolidayFeedException(source, "the feed contains no VCALENDAR");
        }
        catch (HolidayFeedException)
        {
            throw;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw new HolidayFeedException(source, $"the feed is not valid iCalendar ({error.Message})", error);
        }
    }

    private static IEnumerable<DateOnly> DaysOf(CalendarEvent holidayEvent, string source, DateOnly from, DateOnly to)
    {
        if (holidayEvent.DtStart is null)
        {
            throw new HolidayFeedException(source, $"event '{holidayEvent.Summary ?? holidayEvent.Uid}' has no DTSTART");
        }

        var days = new List<DateOnly>();
        try
        {
            var occurrences = holidayEvent.GetOccurrences(new Ical.Net.DataTypes.CalDateTime(from.AddDays(-7)), null)
                .TakeWhile(o => o.Period.StartTime.Date <= to);
            foreach (var occurrence in occurrences)
            {
                var first = occurrence.Period.StartTime.Date;
                // An all-day DTEND is exclusive: a one-day holiday ends at the next midnight.
                var end = occurrence.Period.EffectiveEndTime ?? occurrence.Period.StartTime;
                var last = end.HasTime ? end.Date : end.Date.AddDays(-1);
                for (var day = first; day <= (last < first ? first : last); day = day.AddDays(1))
                {
                    if (day >= from && day <= to)
                    {
                        days.Add(day);
                    }
                }
            }
        }
        catch (Exception error) when (error is not OutOfMemoryException and not HolidayFeedException)
        {
            throw new HolidayFeedException(source, $"event '{holidayEvent.Summary ?? holidayEvent.Uid}' has a recurrence that cannot be expanded ({error.Message})", error);
        }

        return days;
    }
}
