using System.Runtime.CompilerServices;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Policies.Activities;

/// <summary>
/// The ticket as this run's own last desk command left it (the desk answers each command with the committed ticket,
/// requester and conversation included), so a briefing composed right after it need not read the ticket again.
/// </summary>
/// <remarks>
/// Kept beside the run's root context in a weak table: nothing is persisted with the instance, and the memo goes with
/// the run. A memo is only a candidate: <see cref="Matching"/> hands it out only when it is exactly the version the
/// timeline ends with, so a change made by anyone else since (another node included) sends the reader back to the desk.
/// </remarks>
internal static class RunTickets
{
    private static readonly ConditionalWeakTable<ActivityExecutionContext, Ticket> Latest = new();

    /// <summary>Runs a desk command for this run's ticket and remembers the ticket it answers.</summary>
    public static async Task<Ticket> ChangeTicketAsync(this ActivityExecutionContext context, Func<ITicketDesk, Task<Ticket>> command)
    {
        var ticket = await context.WithDeskAsync(command);
        Latest.AddOrUpdate(RootOf(context), ticket);
        return ticket;
    }

    /// <summary>The remembered ticket when it is the version <paramref name="timeline"/> ends with; otherwise null.</summary>
    public static Ticket? Matching(ActivityExecutionContext context, Guid ticketId, IReadOnlyList<TicketEvent> timeline) =>
        Latest.TryGetValue(RootOf(context), out var ticket)
        && ticket.Id == ticketId
        && timeline.Count > 0
        && timeline[^1].Sequence == ticket.Version
            ? ticket
            : null;

    private static ActivityExecutionContext RootOf(ActivityExecutionContext context)
    {
        var root = context;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        return root;
    }
}
