using EscalationStudio.Metrics.Health;

namespace EscalationStudio.Policies.Replay;

/// <summary>What a replay of a history through one set of policies showed.</summary>
/// <param name="Overall">The escalation-health figures of every replayed ticket (the server's own metrics code).</param>
/// <param name="ByPolicy">The same for the tickets each policy moved or flagged, by policy id.</param>
/// <param name="ByTier">The same for the tickets that were in each tier, by tier id.</param>
/// <param name="FaultedRuns">Policy runs that ended faulted, by policy id.</param>
/// <param name="Paths">Each ticket's path through the tiers, by the history's ticket key (only when asked for).</param>
public sealed record ReplayReport(
    ReplayCounts Counts,
    EscalationHealthReport Overall,
    IReadOnlyDictionary<string, EscalationHealthReport> ByPolicy,
    IReadOnlyDictionary<string, EscalationHealthReport> ByTier,
    IReadOnlyDictionary<string, int> FaultedRuns,
    IReadOnlyDictionary<string, string>? Paths);

/// <param name="Events">History entries read.</param>
/// <param name="Replayed">Customer and agent actions applied to the replay's desk.</param>
/// <param name="Skipped">Entries not replayed, by reason (policies' own moves are recomputed, never copied).</param>
/// <param name="Refused">Actions the ticket's rules refused in the replay (the recomputed path differs from the
/// history's), by reason.</param>
public sealed record ReplayCounts(
    long Events,
    long Replayed,
    int Tickets,
    IReadOnlyDictionary<string, long> Skipped,
    IReadOnlyDictionary<string, long> Refused,
    DateTimeOffset? From,
    DateTimeOffset? To);
