using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Policies.Tests.Sla;

/// <summary>Writes a ticket's event log the way the domain does, one line per thing that happened.</summary>
internal sealed class TicketHistory
{
    private readonly Guid _ticketId = Guid.NewGuid();
    private readonly List<TicketEvent> _events = [];

    public IReadOnlyList<TicketEvent> Events => _events;

    public TicketHistory Created(DateTimeOffset at) =>
        Add(TicketEventType.Created, at, new() { [TicketEventData.Subject] = "Printer on fire" });

    public TicketHistory CustomerWrote(DateTimeOffset at, string body = "Any news?") => Message(at, MessageKind.Customer, body);

    public TicketHistory AgentReplied(DateTimeOffset at, string body = "Looking into it.") => Message(at, MessageKind.Agent, body);

    public TicketHistory InternalNote(DateTimeOffset at) => Message(at, MessageKind.InternalNote, "note to self");

    public TicketHistory Status(DateTimeOffset at, TicketStatus to) =>
        Add(TicketEventType.StatusChanged, at, new() { [TicketEventData.To] = to.ToText() });

    private TicketHistory Message(DateTimeOffset at, MessageKind kind, string body) =>
        Add(TicketEventType.MessageAdded, at, new() { [TicketEventData.MessageKind] = kind.ToText(), [TicketEventData.Body] = body });

    private TicketHistory Add(TicketEventType type, DateTimeOffset at, Dictionary<string, string> data)
    {
        _events.Add(new TicketEvent(Guid.NewGuid(), _ticketId, _events.Count + 1, type, Actor.System, at, data));
        return this;
    }
}
