namespace EscalationStudio.Policies.Dispatch;

/// <summary>How the dispatcher works through ticket events.</summary>
public sealed record PolicyDispatchOptions
{
    /// <summary>
    /// Tickets of one batch handled at once (each ticket's events stay in order on one worker). Policies mostly wait for
    /// the ticket desk's commits, so several tickets at once let the desk commit their changes together; 1 runs the
    /// batch strictly in queue order, which the sandbox wants for repeatable test runs.
    /// </summary>
    public int TicketsAtOnce { get; init; } = 4;

    /// <summary>
    /// Commits the in-memory queue holds before it leaves new ones to the outbox and the API answers 503 until the
    /// dispatcher has caught up: about a minute of a busy node's changes.
    /// </summary>
    public int QueueCapacity { get; init; } = 20_000;

    /// <summary>How often the outbox is swept for events no node dispatched (one that stopped before it could).</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How old an outbox entry must be before a sweep takes it from whichever node left it.</summary>
    public TimeSpan SweepAge { get; init; } = TimeSpan.FromSeconds(60);
}
