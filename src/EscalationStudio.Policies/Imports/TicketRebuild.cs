using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Replay;

namespace EscalationStudio.Policies.Imports;

/// <summary>
/// A ticket's state rebuilt from its recorded history, for an import: opened with its own id from the created entry,
/// then every later entry applied as the domain change it records, at its own time (customers', agents' and the
/// policies' recorded moves alike: an import keeps what happened, it recomputes nothing). The same mapping from
/// history entries to changes as the replay (<see cref="HistoryActions"/>).
/// </summary>
public static class TicketRebuild
{
    /// <summary>What the created entry asks for: subject, channel, priority, tier, owner, tags and requester.</summary>
    public static NewTicket NewTicketOf(HistoryEvent created) => HistoryActions.ToNewTicket(created);

    /// <param name="history">The ticket's entries, oldest first, the first its created entry.</param>
    /// <returns>The ticket, and the entries its rules refused (the state is then as if they had not happened).</returns>
    /// <exception cref="TicketRuleViolationException">The created entry cannot open a ticket here (unknown tier or agent, no subject).</exception>
    public static (Ticket Ticket, IReadOnlyList<string> Refused) Rebuild(Guid id, Customer requester, IReadOnlyList<HistoryEvent> history, OrgDirectory org)
    {
        var created = history[0];
        var ticket = Ticket.Create(id, HistoryActions.ToNewTicket(created), requester, org, created.Actor, created.At);
        var refused = new List<string>();
        foreach (var e in history.Skip(1))
        {
            // A policy's recorded move is not an action the replay takes; here it is applied, with its recorded actor.
            var (change, _) = HistoryActions.ToChange(e.IsPoliciesOwn ? e with { Actor = Actor.User(e.Actor.Id) } : e, ticket);
            if (change is null)
            {
                continue;
            }

            try
            {
                (e.IsPoliciesOwn ? change with { By = e.Actor } : change).ApplyTo(ticket, org, e.At);
            }
            catch (Exception rule) when (rule is TicketRuleViolationException or AuthorityDeniedException or ArgumentException)
            {
                refused.Add($"{e.Type.ToText()}: {rule.Message}");
            }
        }

        return (ticket, refused);
    }
}
