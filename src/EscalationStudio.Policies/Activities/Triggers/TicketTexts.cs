using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;

namespace EscalationStudio.Policies.Activities.Triggers;

/// <summary>The customer's own words an event brings: the subject and description of a new ticket, or a message body.</summary>
internal static class TicketTexts
{
    public static bool IsCustomerMessage(TicketEvent e) =>
        e.Type == TicketEventType.MessageAdded
        && TicketText.TryParse<MessageKind>(e[TicketEventData.MessageKind], out var kind) && kind == MessageKind.Customer;

    /// <summary>(subject, body) of what the customer just wrote, or null when the event is not the customer speaking.</summary>
    public static (string? Subject, string Body)? CustomerWords(TicketEventContext context) => context.Event.Type switch
    {
        TicketEventType.Created => (context.Ticket.Subject, context.Ticket.Description),
        _ when IsCustomerMessage(context.Event) => (null, context.Event[TicketEventData.Body] ?? string.Empty),
        _ => null,
    };
}
