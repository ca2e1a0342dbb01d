namespace EscalationStudio.Domain.Tickets;

public enum TicketChannel
{
    Email,
    Chat,
    Phone,
    Web,
    Social,
    Api,
}
