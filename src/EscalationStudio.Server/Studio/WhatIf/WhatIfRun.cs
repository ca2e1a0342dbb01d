using EscalationStudio.Policies.Replay;

namespace EscalationStudio.Server.Studio.WhatIf;

internal enum WhatIfState
{
    Queued,
    Running,
    Done,
    Failed,
}

/// <summary>
/// One What-if: a policy's draft replayed beside its published version over the last <see cref="Days"/> days of
/// this server's own tickets. The definitions are taken when the run is asked for, so it compares what the person saw
/// even when the draft is saved again while the run waits.
/// </summary>
internal sealed class WhatIfRun
{
    private long _replayed;
    private long _total;

    public required string Id { get; init; }

    public required string DefinitionId { get; init; }

    public required string PolicyName { get; init; }

    public required int Days { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    /// <summary>The published version compared against, or null when the policy has never been published.</summary>
    public required int? PublishedVersion { get; init; }

    public required int DraftVersion { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public required string? RequestedBy { get; init; }

    /// <summary>Every published policy, as live now.</summary>
    public required IReadOnlyList<Workflows.Definitions.WorkflowDefinition> Baseline { get; init; }

    /// <summary>The same, with this policy's draft in place of its published version.</summary>
    public required IReadOnlyList<Workflows.Definitions.WorkflowDefinition> Candidate { get; init; }

    public WhatIfState State { get; set; }

    /// <summary>History entries replayed so far, both sides together.</summary>
    public long EventsReplayed => Interlocked.Read(ref _replayed);

    /// <summary>History entries to replay, both sides together (the window's events twice); 0 until counted.</summary>
    public long EventsTotal => Interlocked.Read(ref _total);

    public ComparedReplays? Comparison { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public bool IsActive => State is WhatIfState.Queued or WhatIfState.Running;

    public void Counted(long eventsPerSide) => Interlocked.Exchange(ref _total, eventsPerSide * 2);

    public void Replayed(long events) => Interlocked.Exchange(ref _replayed, Math.Min(events, EventsTotal));

    /// <summary>Told the entries replayed so far, both sides together (the comparison adds them up).</summary>
    public IProgress<long> Progress() => new ReplayedProgress(this);

    private sealed class ReplayedProgress(WhatIfRun run) : IProgress<long>
    {
        public void Report(long value) => run.Replayed(value);
    }
}
