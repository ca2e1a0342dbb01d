namespace EscalationStudio.Domain.Delivery;

/// <summary>
/// One message to send because of one committed ticket event, written to the delivery outbox in the event's own
/// transaction. <see cref="Key"/> names it for good: the same event always plans the same keys, every attempt sends
/// the same key, and receivers can drop a repeat by it (header <c>Idempotency-Key</c>, e-mail <c>Message-ID</c>).
/// </summary>
/// <param name="Purpose"><c>briefing</c>, <c>customer-note</c> or <c>manager-alert</c>.</param>
/// <param name="Target">An e-mail address, or the name of a configured chat webhook: never a secret.</param>
/// <param name="Body">Markdown, as the template rendered it; each channel renders it its own way when sending.</param>
public sealed record PlannedDelivery(
    string Key,
    Guid TicketId,
    int EventSequence,
    string Purpose,
    DeliveryChannel Channel,
    string Target,
    string Subject,
    string Body);
