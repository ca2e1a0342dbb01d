using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Metrics.Summaries;

/// <summary>
/// Folds ticket events into one <see cref="TicketSummary"/> per ticket. Events must arrive in order per ticket;
/// tickets may interleave; an event already applied (same or lower sequence) is ignored, so hearing a commit twice is
/// harmless. One writer at a time: the fold does not lock.
/// </summary>
/// <param name="org">Where each tier's business calendar comes from; business time to escalate is counted with the
/// directory the fold was given when the escalation was applied.</param>
public sealed class TicketHistoryFold(OrgDirectory org)
{
    private readonly Dictionary<Guid, TicketSummary> _tickets = [];
    private readonly EscalationClocks _clocks = new(org);

    public IReadOnlyCollection<TicketSummary> Summaries => _tickets.Values;

    public TicketSummary? Find(Guid ticketId) => _tickets.GetValueOrDefault(ticketId);

    public void Apply(TicketEvent ticketEvent)
    {
        if (!_tickets.TryGetValue(ticketEvent.TicketId, out var summary))
        {
            summary = new TicketSummary(ticketEvent.TicketId);
            _tickets.Add(ticketEvent.TicketId, summary);
        }

        summary.Apply(ticketEvent, _clocks);
    }

    /// <summary>Lets go of a ticket whose figures have been taken (a replay drops each ticket once it is closed).</summary>
    public bool Remove(Guid ticketId) => _tickets.Remove(ticketId);

    public void ApplyAll(IEnumerable<TicketEvent> events)
    {
        foreach (var ticketEvent in events)
        {
            Apply(ticketEvent);
        }
    }

    /// <summary>The summaries of a whole history at once.</summary>
    public static IReadOnlyCollection<TicketSummary> Summarise(IEnumerable<TicketEvent> events, OrgDirectory org)
    {
        var fold = new TicketHistoryFold(org);
        fold.ApplyAll(events);
        return fold.Summaries;
    }
}
