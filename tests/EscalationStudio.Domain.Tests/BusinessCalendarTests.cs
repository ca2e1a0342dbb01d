using EscalationStudio.Domain.Calendars;

namespace EscalationStudio.Domain.Tests;

public sealed class BusinessCalendarTests
{
    [Fact]
    public void Calendar_keeps_its_time_zone()
    {
        var calendar = new BusinessCalendar("emea", "EMEA office", "Europe/Berlin", [], []);
        Assert.Equal("Europe/Berlin", calendar.TimeZone);
    }
}
