using EscalationStudio.Domain.Calendars;
using EscalationStudio.Policies.Calendars;

namespace EscalationStudio.Policies.Tests.Calendars;

public sealed class HolidayFeedTests
{
    private const string GermanHolidays = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Escalation Studio//Tests//EN
        BEGIN:VEVENT
        UID:new-year
        DTSTART;VALUE=DATE:20260101
        DTEND;VALUE=DATE:20260102
        SUMMARY:Neujahr
        RRULE:FREQ=YEARLY
        END:VEVENT
        BEGIN:VEVENT
        UID:easter-2026
        DTSTART;VALUE=DATE:20260403
        DTEND;VALUE=DATE:20260407
        SUMMARY:Ostern
        END:VEVENT
        BEGIN:VEVENT
        UID:offsite
        DTSTART:20260612T090000Z
        DTEND:20260612T170000Z
        SUMMARY:Team offsite
        END:VEVENT
        END:VCALENDAR
        """;

    [Fact]
    public void Read_all_day_event_is_one_holiday_with_its_summary()
    {
        var holidays = HolidayFeed.Read(GermanHolidays, "de.ics", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        Assert.Contains(new Holiday(new DateOnly(2026, 1, 1), "Neujahr"), holidays);
        Assert.DoesNotContain(holidays, h => h.Date == new DateOnly(2026, 1, 2));
    }

    [Fact]
    public void Read_multi_day_event_covers_every_day_up_to_the_exclusive_end()
    {
        var holidays = HolidayFeed.Read(GermanHolidays, "de.ics", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        var easter = holidays.Where(h => h.Name == "Ostern").Select(h => h.Date).ToArray();
        Assert.Equal([new(2026, 4, 3), new(2026, 4, 4), new(2026, 4, 5), new(2026, 4, 6)], easter);
    }

    [Fact]
    public void Read_yearly_event_is_expanded_for_every_year_in_range()
    {
        var holidays = HolidayFeed.Read(GermanHolidays, "de.ics", new DateOnly(2026, 1, 1), new DateOnly(2028, 12, 31));
        Assert.Equal(3, holidays.Count(h => h.Name == "Neujahr"));
        Assert.Contains(holidays, h => h.Date == new DateOnly(2028, 1, 1));
    }

    [Fact]
    public void Read_timed_event_closes_its_day()
    {
        var holidays = HolidayFeed.Read(GermanHolidays, "de.ics", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        Assert.Contains(new Holiday(new DateOnly(2026, 6, 12), "Team offsite"), holidays);
    }

    [Fact]
    public void Read_only_returns_days_inside_the_range()
    {
        var holidays = HolidayFeed.Read(GermanHolidays, "de.ics", new DateOnly(2026, 4, 5), new DateOnly(2026, 4, 30));
        Assert.Equal([new(2026, 4, 5), new(2026, 4, 6)], holidays.Select(h => h.Date).ToArray());
    }

    [Fact]
    public void Read_garbage_throws_naming_the_feed()
    {
        const string Broken = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:notadate\nEND:VEVENT\nEND:VCALENDAR";
        var error = Assert.ThrowsAny<Exception>(() => HolidayFeed.Read(Broken, "broken.ics", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
        Assert.IsType<HolidayFeedException>(error);
        Assert.Contains("broken.ics", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_a_range_of_a_century_is_refused() =>
        Assert.Throws<HolidayFeedException>(() => HolidayFeed.Read(GermanHolidays, "de.ics", new DateOnly(2000, 1, 1), new DateOnly(2100, 1, 1)));

    [Fact]
    public void WithHolidays_adds_new_days_and_keeps_existing_names()
    {
        var calendar = new BusinessCalendar("emea", "EMEA", "Europe/Berlin", [], [new Holiday(new DateOnly(2026, 1, 1), "New Year")]);
        var imported = HolidayFeed.Read(GermanHolidays, "de.ics", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        var merged = calendar.WithHolidays(imported);
        Assert.Equal("New Year", merged.Holidays.Single(h => h.Date == new DateOnly(2026, 1, 1)).Name);
        Assert.Contains(merged.Holidays, h => h.Name == "Ostern");
        Assert.Equal(merged.Holidays.OrderBy(h => h.Date), merged.Holidays);
    }

    [Fact]
    public void Imported_holidays_stop_the_business_clock()
    {
        var calendar = new BusinessCalendar("emea", "EMEA", "Europe/Berlin",
            [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                .Select(d => new WorkingHours(d, new TimeOnly(9, 0), new TimeOnly(17, 0)))], []);
        var clock = BusinessClock.For(calendar.WithHolidays(HolidayFeed.Read(GermanHolidays, "de.ics", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31))));
        var thursdayBeforeEaster = new DateTimeOffset(2026, 4, 2, 16, 0, 0, TimeSpan.FromHours(2));
        Assert.Equal(new DateTimeOffset(2026, 4, 7, 10, 0, 0, TimeSpan.FromHours(2)), clock.Add(thursdayBeforeEaster, TimeSpan.FromHours(2)));
    }
}
