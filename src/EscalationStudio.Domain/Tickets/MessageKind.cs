namespace EscalationStudio.Domain.Tickets;

public enum MessageKind
{
    /// <summary>Written by the requester.</summary>
    Customer,

    /// <summary>A public reply from an agent.</summary>
    Agent,

    /// <summary>Seen by the support team only; briefings arrive as internal notes.</summary>
    InternalNote,
}
