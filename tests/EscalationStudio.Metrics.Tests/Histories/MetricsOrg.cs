using EscalationStudio.Domain.Calendars;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Metrics.Tests.Histories;

/// <summary>Three ladder levels and a specialist group; tier-1 and tier-2 work Monday to Friday 09:00–17:00 UTC.</summary>
internal static class MetricsOrg
{
    /// <summary>A Monday.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    public static readonly BusinessCalendar Office = new(
        "office",
        "Office",
        "UTC",
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(day => new WorkingHours(day, new TimeOnly(9, 0), new TimeOnly(17, 0)))],
        []);

    public static readonly OrgDirectory Org = new(
        "Metrics test org",
        [
            new Tier("tier-1", "Tier 1", TierKind.Level, 1, AuthorityLevel.None, "office"),
            new Tier("tier-2", "Tier 2", TierKind.Level, 2, AuthorityLevel.None, "office"),
            new Tier("managers", "Managers", TierKind.Level, 3, AuthorityLevel.Unlimited, null),
            new Tier("retention", "Retention", TierKind.Specialist, 2, AuthorityLevel.None, null),
            new Tier("night-desk", "Night desk", TierKind.Level, 1, AuthorityLevel.None, "missing-calendar"),
        ],
        [
            Agent("ana", "tier-1"),
            Agent("malik", "tier-1"),
            Agent("katrin", "tier-2"),
            Agent("claire", "managers"),
            Agent("nina", "retention"),
        ],
        [Office]);

    private static Agent Agent(string id, string tier) => new(id, id, tier, [], 8, $"{id}@example.com", null);
}
