namespace EscalationStudio.Policies.Dispatch;

/// <summary>How the dispatcher works through a batch of ticket events.</summary>
public sealed record PolicyDispatchOptions
{
    /// <summary>
    /// Tickets of one batch handled at once (each ticket's events stay in order on one worker). Policies mostly wait for
    /// the ticket desk's commits, so several tickets at once let the desk commit their changes together; 1 runs the
    /// batch strictly in queue order, which the sandbox wants for repeatable test runs.
    /// </summary>
    public int TicketsAtOnce { get; init; } = 4;
}
