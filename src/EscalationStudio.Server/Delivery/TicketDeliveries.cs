using System.Globalization;
using System.Text.Json.Serialization;
using EscalationStudio.Domain.Delivery;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Server.Delivery;

/// <summary>One attempt to send a delivery, as its timeline entry recorded it.</summary>
/// <param name="Outcome"><c>delivered</c> or <c>failed</c>.</param>
/// <param name="RetryAt">When a failed attempt is tried again; null when it was the last one.</param>
internal sealed record DeliveryAttempt(int Attempt, DateTimeOffset At, string Outcome, string? Error, DateTimeOffset? RetryAt);

/// <summary>
/// Where one notification of a ticket went and how far it got: queued (not tried yet), retrying (an attempt failed and
/// another is due), delivered, or given up; with every attempt. Targets are addresses and webhook names, never URLs.
/// </summary>
/// <param name="EventSequence">The timeline entry that caused it (briefing sent, customer notification, manager alert).</param>
/// <param name="Channel"><c>email</c> or <c>chat</c>.</param>
/// <param name="State"><c>queued</c>, <c>retrying</c>, <c>delivered</c> or <c>given-up</c>.</param>
internal sealed record TicketDelivery(
    string Key,
    int EventSequence,
    string Purpose,
    string Channel,
    string Target,
    string State,
    int Attempts,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? GaveUpAt,
    string? LastError,
    IReadOnlyList<DeliveryAttempt> AttemptLog)
{
    public const string Queued = "queued";
    public const string Retrying = "retrying";
    public const string Delivered = "delivered";
    public const string GivenUp = "given-up";

    /// <summary>The outbox rows (the state) joined with the attempts the sender wrote on the timeline (the history).</summary>
    public static IReadOnlyList<TicketDelivery> Of(IReadOnlyList<DeliveryState> rows, IReadOnlyList<TicketEvent> timeline)
    {
        var attempts = timeline
            .Where(e => e.Type == TicketEventType.TimelineEntry && e[TicketEventData.Kind] is DeliverySender.SucceededKind or DeliverySender.FailedKind && e["deliveryKey"] is not null)
            .ToLookup(e => e["deliveryKey"]!, StringComparer.Ordinal);
        return [.. rows.Select(row =>
        {
            var d = row.Delivery;
            var state = row.DeliveredAt is not null ? Delivered : row.GaveUpAt is not null ? GivenUp : row.Attempts == 0 ? Queued : Retrying;
            return new TicketDelivery(
                d.Key,
                d.EventSequence,
                d.Purpose,
                ChannelName(d.Channel),
                d.Target,
                state,
                row.Attempts,
                row.DeliveredAt,
                state is Queued or Retrying ? row.NextAttemptAt : null,
                row.GaveUpAt,
                row.LastError,
                [.. attempts[d.Key].OrderBy(e => e.Sequence).Select(Attempt)]);
        })];
    }

    public static string ChannelName(DeliveryChannel channel) => channel == DeliveryChannel.Email ? "email" : "chat";

    /// <summary>"e-mail to ana@example.com" / "chat webhook tier-2-room".</summary>
    [JsonIgnore]
    public string Where => Channel == "email" ? $"e-mail to {Target}" : $"chat webhook {Target}";

    /// <summary>The state in a few words, as the ticket page shows it.</summary>
    public string Describe() => State switch
    {
        Delivered => $"delivered by {Where} (attempt {Attempts}, {Time(DeliveredAt)})",
        GivenUp => $"given up: {Where} after {Attempts} attempt{(Attempts == 1 ? "" : "s")}: {LastError}",
        Retrying => $"failed attempt {Attempts} ({Where}): {LastError}; next attempt {Time(NextAttemptAt)}",
        _ => $"queued for {Where}",
    };

    internal static string Time(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "";

    private static DeliveryAttempt Attempt(TicketEvent e) => new(
        int.TryParse(e["attempt"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0,
        e.OccurredAt,
        e[TicketEventData.Kind] == DeliverySender.SucceededKind ? "delivered" : "failed",
        e["error"],
        DateTimeOffset.TryParse(e["retryAt"], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null);
}
