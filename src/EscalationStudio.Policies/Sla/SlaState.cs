namespace EscalationStudio.Policies.Sla;

internal enum SlaPhase
{
    /// <summary>Nothing to measure yet, e.g. no customer message waits for a next response.</summary>
    NotStarted,
    Running,

    /// <summary>Stopped while the ticket waits on the customer; no due time until it resumes.</summary>
    Paused,

    /// <summary>The measured event happened within the target.</summary>
    Achieved,

    /// <summary>The measured event happened, but after the target.</summary>
    Missed,
}

/// <summary>A warning point before the breach; <paramref name="At"/> is null while it cannot be known (paused).</summary>
internal sealed record SlaWarning(int Percent, DateTimeOffset? At, bool Reached);

/// <summary>Where one SLA target stands for one ticket at one instant; computed from the ticket's events alone.</summary>
/// <param name="Elapsed">Business time counted so far (pauses and closed hours left out).</param>
/// <param name="DueAt">When the target breaches if nothing changes; null unless running.</param>
/// <param name="BreachedAt">The instant the target was breached, if it was.</param>
internal sealed record SlaState(
    SlaTarget Target,
    SlaPhase Phase,
    DateTimeOffset? StartedAt,
    TimeSpan Elapsed,
    DateTimeOffset? DueAt,
    DateTimeOffset? BreachedAt,
    IReadOnlyList<SlaWarning> Warnings)
{
    public bool IsBreached => BreachedAt is not null;

    public TimeSpan Remaining => Elapsed >= Target.Target ? TimeSpan.Zero : Target.Target - Elapsed;

    public double PercentElapsed => Target.Target <= TimeSpan.Zero ? 0 : 100.0 * Elapsed.Ticks / Target.Target.Ticks;

    /// <summary>The next warning still ahead, while the clock runs.</summary>
    public SlaWarning? NextWarning => Phase == SlaPhase.Running ? Warnings.FirstOrDefault(w => !w.Reached) : null;

    /// <summary>When a timer should next look at this ticket: the next warning or the breach, whichever comes first.</summary>
    public DateTimeOffset? NextCheckAt => Phase != SlaPhase.Running
        ? null
        : NextWarning?.At ?? (IsBreached ? null : DueAt);
}
