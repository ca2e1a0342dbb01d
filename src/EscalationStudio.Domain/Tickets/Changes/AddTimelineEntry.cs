using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Domain.Tickets.Changes;

/// <summary>A timeline entry that is not a message: a briefing sent, an SLA warning.</summary>
internal sealed record AddTimelineEntry(string Kind, string Text, Actor By, IReadOnlyDictionary<string, string>? Data = null) : TicketChange(By)
{
    public override void ApplyTo(Ticket ticket, OrgDirectory directory, DateTimeOffset now) => ticket.AddTimelineEntry(Kind, Text, By, now, Data);
}
