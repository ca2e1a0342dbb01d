namespace EscalationStudio.Persistence.Tickets.Outbox;

/// <summary>
/// A keyed ticket change that has been committed (see <see cref="Domain.Tickets.DeskCallKeys"/>), written in the same
/// transaction as the change: the same key again changes nothing.
/// </summary>
internal sealed class AppliedTicketCommand
{
    public Guid TicketId { get; set; }

    public string Key { get; set; } = "";
}
