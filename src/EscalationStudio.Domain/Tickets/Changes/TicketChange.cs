using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Domain.Tickets.Changes;

/// <summary>
/// One ticket verb as a value: what to do to a ticket and who does it. Every desk (the database's, the sandbox's, a
/// replay's) applies these and nothing else, and every rule lives in <see cref="Ticket"/>, so the desks cannot disagree
/// about what a change does or refuses. A desk only finds the ticket, gives it the org directory and the time, and
/// keeps what the change appended.
/// </summary>
public abstract record TicketChange(Actor By)
{
    /// <summary>Applies the verb; throws what the verb throws (<see cref="TicketRuleViolationException"/>, <see cref="AuthorityDeniedException"/>).</summary>
    public abstract void ApplyTo(Ticket ticket, OrgDirectory directory, DateTimeOffset now);
}
