using System.Runtime.CompilerServices;
using EscalationStudio.Domain.Calendars;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Policies.Activities.Sla;

/// <summary>Which business calendar an SLA counts in: the one named, else the owning tier's, else around the clock.</summary>
internal static class SlaCalendars
{
    private static readonly ConditionalWeakTable<BusinessCalendar, BusinessClock> Clocks = [];
    private static readonly BusinessClock AroundTheClock = BusinessClock.AroundTheClock();

    public static BusinessClock ClockFor(OrgDirectory org, string? calendarId, string tierId)
    {
        var id = string.IsNullOrWhiteSpace(calendarId) ? org.FindTier(tierId)?.CalendarId : calendarId;
        if (string.IsNullOrWhiteSpace(id))
        {
            return AroundTheClock;
        }

        var calendar = org.FindCalendar(id) ?? throw new InvalidOperationException($"Calendar: '{id}' is not a calendar of the org directory");
        return Clocks.GetValue(calendar, BusinessClock.For);
    }
}
