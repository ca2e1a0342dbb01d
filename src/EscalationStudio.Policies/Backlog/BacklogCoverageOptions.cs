namespace EscalationStudio.Policies.Backlog;

/// <summary>How the open backlog is walked when a policy with an SLA trigger is published.</summary>
public sealed class BacklogCoverageOptions
{
    /// <summary>
    /// Ticket ids read per page. A page is one index-range query; the tickets of a page are then covered one by one, so
    /// the size bounds memory, not the work per ticket.
    /// </summary>
    public int PageSize { get; set; } = 500;

    /// <summary>
    /// How long a sweep waits for the ticket events committed before the publish to be dispatched. Those events may
    /// start the policy themselves (a ticket created a moment before), and the sweep then finds the instance instead of
    /// racing it. Past this, the sweep starts anyway and logs it.
    /// </summary>
    public TimeSpan DispatchDrainLimit { get; set; } = TimeSpan.FromSeconds(30);
}
