using System.Globalization;
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
    /// <param name="history">Opens the history afresh: it is read once per side, both passes at once when
    /// <paramref name="sidesAtOnce"/> is 2.</param>
    /// <param name="progress">Told the history entries replayed so far, both sides together.</param>
    /// <param name="scriptLimits">The limits the policies' scripts run under (the defaults when null).</param>
    /// <param name="sidesAtOnce">2 replays both sides at once, each on a core of its own (the two replays share
    /// nothing); 1 replays one after the other, leaving the rest of the machine to other work.</param>
    /// <exception cref="Workflows.Runtime.WorkflowValidationException">A policy of either side does not load; the
    /// other side stops without finishing.</exception>
    public static async Task<ComparedReplays> CompareAsync(
        OrgDirectory org,
        TemplateLibrary templates,
        IReadOnlyList<WorkflowDefinition> baseline,
        IReadOnlyList<WorkflowDefinition> candidate,
        Func<IAsyncEnumerable<HistoryEvent>> history,
        IProgress<long>? progress = null,
        ScriptLimits? scriptLimits = null,
        int sidesAtOnce = 2,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sidesAtOnce, 1);
        scriptLimits ??= new ScriptLimits();
        IReadOnlyList<WorkflowDefinition>[] policies = [baseline, candidate];
        var reports = new ReplayReport[2];
        var replayed = progress is null ? null : new BothSides(progress);
        // A side that fails cancels the other, and its own exception (not the other's cancellation) is the one thrown.
        await Parallel.ForEachAsync(
            [0, 1],
            new ParallelOptions { MaxDegreeOfParallelism = sidesAtOnce, CancellationToken = cancellationToken },
            async (side, token) => reports[side] = await new HistoryReplay(org, templates, policies[side])
            {
                KeepPaths = true,
                Progress = replayed?.Side(side),
                ScriptLimits = scriptLimits,
            }.RunAsync(history(), token));
        var (before, after) = (reports[0], reports[1]);
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
        new("tickets", before.Tickets, after.Tickets, FigureUnit.Count),
        new("escalation rate", before.EscalationRate.Value, after.EscalationRate.Value, FigureUnit.Share),
        new("time to escalate p50", before.TimeToEscalate.WallClock.P50Hours, after.TimeToEscalate.WallClock.P50Hours, FigureUnit.Hours),
        new("time to escalate p90", before.TimeToEscalate.WallClock.P90Hours, after.TimeToEscalate.WallClock.P90Hours, FigureUnit.Hours),
        new("business hours to escalate p50", before.TimeToEscalate.BusinessHours.P50Hours, after.TimeToEscalate.BusinessHours.P50Hours, FigureUnit.Hours),
        new("first-tier resolution", before.FirstTierResolution.Value, after.FirstTierResolution.Value, FigureUnit.Share),
        new("CSAT escalated (mean)", before.CsatEscalated.Mean, after.CsatEscalated.Mean, FigureUnit.Score),
        new("CSAT not escalated (mean)", before.CsatNotEscalated.Mean, after.CsatNotEscalated.Mean, FigureUnit.Score),
        new("de-escalation rate", before.DeEscalationRate.Value, after.DeEscalationRate.Value, FigureUnit.Share),
        new("bounced", before.Bounce.Bounced.Value, after.Bounce.Bounced.Value, FigureUnit.Share),
        new("ping-pong", before.Bounce.PingPong.Value, after.Bounce.PingPong.Value, FigureUnit.Share),
        new("reassigned at least once", before.Reassignment.AtLeastOnce.Value, after.Reassignment.AtLeastOnce.Value, FigureUnit.Share),
        .. before.Sla.Select(s => s.Metric).Union(after.Sla.Select(s => s.Metric)).Order(StringComparer.Ordinal).Select(metric =>
            new FigureDifference($"SLA {metric} breached",
                before.Sla.FirstOrDefault(s => s.Metric == metric)?.BreachedTickets.Value,
                after.Sla.FirstOrDefault(s => s.Metric == metric)?.BreachedTickets.Value,
                FigureUnit.Share)),
    ];
}

/// <summary>Adds up the entries each side has replayed, so the total only grows, whichever side reports.</summary>
file sealed class BothSides(IProgress<long> total)
{
    private readonly long[] _replayed = new long[2];

    public IProgress<long> Side(int side) => new SideProgress(this, side);

    private void Report(int side, long replayed)
    {
        lock (_replayed)
        {
            _replayed[side] = replayed;
            total.Report(_replayed[0] + _replayed[1]);
        }
    }

    private sealed class SideProgress(BothSides sides, int side) : IProgress<long>
    {
        public void Report(long value) => sides.Report(side, value);
    }
}

/// <param name="Differences">The headline figures, before and after.</param>
/// <param name="ChangedPaths">The tickets whose path through the tiers differs, by the history's ticket key.</param>
public sealed record ComparedReplays(ReplayReport Before, ReplayReport After, IReadOnlyList<FigureDifference> Differences, IReadOnlyList<ChangedPath> ChangedPaths)
{
    /// <summary>"1 ticket took another path", "12 tickets took another path": the headline above the list.</summary>
    public string DescribeChangedPaths() =>
        ChangedPaths.Count == 1 ? "1 ticket took another path" : $"{ChangedPaths.Count.ToString("N0", CultureInfo.InvariantCulture)} tickets took another path";
}

/// <param name="Unit">What the values are, so that each side writes them alike (18.2 %, 1.5 h, 3.86, 3,000).</param>
public sealed record FigureDifference(string Figure, double? Before, double? After, FigureUnit Unit)
{
    public bool Changed => Before != After;
}

public enum FigureUnit
{
    Count,

    /// <summary>A share of the tickets, 0 to 1.</summary>
    Share,

    Hours,

    /// <summary>A mean CSAT score, 1 to 5.</summary>
    Score,
}

public static class FigureUnits
{
    /// <summary>A value as people read it (18.2 %, 0.93 h, 3.86, 3,000); a dash where there was nothing to measure.</summary>
    public static string Format(this FigureUnit unit, double? value) => value is not { } v ? "—" : unit switch
    {
        FigureUnit.Share => v.ToString("P1", CultureInfo.InvariantCulture),
        FigureUnit.Hours => v.ToString("0.##", CultureInfo.InvariantCulture) + " h",
        FigureUnit.Score => v.ToString("0.00", CultureInfo.InvariantCulture),
        _ => v.ToString("N0", CultureInfo.InvariantCulture),
    };
}

/// <param name="Before">The path with the baseline policies, null when the ticket was not replayed there.</param>
public sealed record ChangedPath(string Ticket, string? Before, string? After);
