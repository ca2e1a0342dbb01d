using EscalationStudio.Domain.Org;
using EscalationStudio.Metrics.Health;
using EscalationStudio.Policies.Templates;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Expressions.JavaScript;

namespace EscalationStudio.Policies.Replay;

/// <summary>
/// The same history replayed through two sets of policies (the published ones and a change to them), side by side:
/// the figures of each, and the tickets whose path through the tiers differs. Used by <c>simulate --compare</c> and
/// by Studio's What-if, so both answer with the same numbers.
/// </summary>
public static class ReplayComparison
{
    /// <param name="history">Opens the history afresh: it is read once per side.</param>
    /// <param name="scriptLimits">The limits the policies' scripts run under (the defaults when null).</param>
    public static async Task<ComparedReplays> CompareAsync(
        OrgDirectory org,
        TemplateLibrary templates,
        IReadOnlyList<WorkflowDefinition> baseline,
        IReadOnlyList<WorkflowDefinition> candidate,
        Func<IAsyncEnumerable<HistoryEvent>> history,
        IProgress<long>? progress = null,
        ScriptLimits? scriptLimits = null,
        CancellationToken cancellationToken = default)
    {
        scriptLimits ??= new ScriptLimits();
        var before = await new HistoryReplay(org, templates, baseline) { KeepPaths = true, Progress = progress, ScriptLimits = scriptLimits }
            .RunAsync(history(), cancellationToken);
        var after = await new HistoryReplay(org, templates, candidate) { KeepPaths = true, Progress = progress, ScriptLimits = scriptLimits }
            .RunAsync(history(), cancellationToken);
        var changed = new List<ChangedPath>();
        foreach (var (ticket, path) in before.Paths!)
        {
            var other = after.Paths!.GetValueOrDefault(ticket);
            if (!string.Equals(path, other, StringComparison.Ordinal))
            {
                changed.Add(new ChangedPath(ticket, path, other));
            }
        }

        foreach (var (ticket, path) in after.Paths!.Where(p => !before.Paths!.ContainsKey(p.Key)))
        {
            changed.Add(new ChangedPath(ticket, null, path));
        }

        changed.Sort((a, b) => string.CompareOrdinal(a.Ticket, b.Ticket));
        return new ComparedReplays(before, after, Differences(before.Overall, after.Overall), changed);
    }

    /// <summary>The headline figures of both sides, with what moved.</summary>
    public static IReadOnlyList<FigureDifference> Differences(EscalationHealthReport before, EscalationHealthReport after) =>
    [
        new("tickets", before.Tickets, after.Tickets),
        new("escalation rate", before.EscalationRate.Value, after.EscalationRate.Value),
        new("time to escalate p50 (h)", before.TimeToEscalate.WallClock.P50Hours, after.TimeToEscalate.WallClock.P50Hours),
        new("time to escalate p90 (h)", before.TimeToEscalate.WallClock.P90Hours, after.TimeToEscalate.WallClock.P90Hours),
        new("business hours to escalate p50", before.TimeToEscalate.BusinessHours.P50Hours, after.TimeToEscalate.BusinessHours.P50Hours),
        new("first-tier resolution", before.FirstTierResolution.Value, after.FirstTierResolution.Value),
        new("CSAT escalated (mean)", before.CsatEscalated.Mean, after.CsatEscalated.Mean),
        new("CSAT not escalated (mean)", before.CsatNotEscalated.Mean, after.CsatNotEscalated.Mean),
        new("de-escalation rate", before.DeEscalationRate.Value, after.DeEscalationRate.Value),
        new("bounced", before.Bounce.Bounced.Value, after.Bounce.Bounced.Value),
        new("ping-pong", before.Bounce.PingPong.Value, after.Bounce.PingPong.Value),
        new("reassigned at least once", before.Reassignment.AtLeastOnce.Value, after.Reassignment.AtLeastOnce.Value),
        .. before.Sla.Select(s => s.Metric).Union(after.Sla.Select(s => s.Metric)).Order(StringComparer.Ordinal).Select(metric =>
            new FigureDifference($"SLA {metric} breached",
                before.Sla.FirstOrDefault(s => s.Metric == metric)?.BreachedTickets.Value,
                after.Sla.FirstOrDefault(s => s.Metric == metric)?.BreachedTickets.Value)),
    ];
}

/// <param name="Differences">The headline figures, before and after.</param>
/// <param name="ChangedPaths">The tickets whose path through the tiers differs, by the history's ticket key.</param>
public sealed record ComparedReplays(ReplayReport Before, ReplayReport After, IReadOnlyList<FigureDifference> Differences, IReadOnlyList<ChangedPath> ChangedPaths);

public sealed record FigureDifference(string Figure, double? Before, double? After)
{
    public bool Changed => Before != After;
}

/// <param name="Before">The path with the baseline policies, null when the ticket was not replayed there.</param>
public sealed record ChangedPath(string Ticket, string? Before, string? After);
