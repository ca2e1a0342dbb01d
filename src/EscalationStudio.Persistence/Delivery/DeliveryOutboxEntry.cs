using EscalationStudio.Domain.Delivery;

namespace EscalationStudio.Persistence.Delivery;

/// <summary>
/// One message to send (<see cref="PlannedDelivery"/>), written by the ticket writer in the commit of the event that
/// caused it, then leased, sent and marked by a node's sender. The back-off schedule (<see cref="NextAttemptAt"/>,
/// <see cref="Attempts"/>) lives here, so a restart keeps it.
/// </summary>
internal sealed class DeliveryOutboxEntry
{
    /// <summary>The idempotency key (<see cref="DeliveryPlan.KeyOf"/>).</summary>
    public string Key { get; set; } = "";

    public Guid TicketId { get; set; }

    public int EventSequence { get; set; }

    public string Purpose { get; set; } = "";

    public DeliveryChannel Channel { get; set; }

    public string Target { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LeasedBy { get; set; }

    public DateTimeOffset? LeasedUntil { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset? GaveUpAt { get; set; }

    public string? LastError { get; set; }

    public PlannedDelivery ToPlanned() => new(Key, TicketId, EventSequence, Purpose, Channel, Target, Subject, Body);

    public static DeliveryOutboxEntry From(PlannedDelivery delivery, DateTimeOffset now) => new()
    {
        Key = delivery.Key,
        TicketId = delivery.TicketId,
        EventSequence = delivery.EventSequence,
        Purpose = delivery.Purpose,
        Channel = delivery.Channel,
        Target = delivery.Target,
        Subject = delivery.Subject,
        Body = delivery.Body,
        CreatedAt = now,
        NextAttemptAt = now,
    };
}
