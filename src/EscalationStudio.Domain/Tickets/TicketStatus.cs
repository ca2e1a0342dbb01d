namespace EscalationStudio.Domain.Tickets;

public enum TicketStatus
{
    New,
    Open,

    /// <summary>Waiting on the customer.</summary>
    Pending,

    /// <summary>Waiting on a third party (vendor, engineering).</summary>
    OnHold,
    Solved,

    /// <summary>Final: a follow-up becomes a new ticket.</summary>
    Closed,
}
