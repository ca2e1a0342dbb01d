using EscalationStudio.Domain.Calendars;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Metrics.Summaries;

/// <summary>
/// The business calendar each tier works by, counted the way the SLA timers count: the tier's calendar, or around the
/// clock when the tier names none. A tier or calendar missing from the directory (or a calendar that cannot count)
/// gives no business time rather than a wrong one.
/// </summary>
internal sealed class EscalationClocks(OrgDirectory org)
{
    private static readonly BusinessClock AroundTheClock = BusinessClock.AroundTheClock();
    private readonly Dictionary<string, BusinessClock?> _byTier = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan? BusinessTime(string tierId, DateTimeOffset from, DateTimeOffset to)
    {
        if (!_byTier.TryGetValue(tierId, out var clock))
        {
            clock = ClockOf(tierId);
            _byTier[tierId] = clock;
        }

        return clock?.Elapsed(from, to);
    }

    private BusinessClock? ClockOf(string tierId)
    {
        if (org.FindTier(tierId) is not { } tier)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(tier.CalendarId))
        {
            return AroundTheClock;
        }

        try
        {
            return org.FindCalendar(tier.CalendarId) is { } calendar ? BusinessClock.For(calendar) : null;
        }
        catch (InvalidBusinessCalendarException)
        {
            return null;
        }
    }
}
