namespace EscalationStudio.Domain.Delivery;

/// <summary>
/// The deliveries the desk wrote with the events that caused them, for the node that sends them. A row is claimed
/// with a lease before it is sent, so two nodes never send the same row at once; a node that stops leaves its lease
/// to run out, and the row is sent by the next claim.
/// </summary>
public interface IDeliveryOutbox
{
    /// <summary>Leases up to <paramref name="take"/> due deliveries to <paramref name="node"/> until now + <paramref name="lease"/>; oldest due first.</summary>
    Task<IReadOnlyList<PendingDelivery>> ClaimDueAsync(string node, int take, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the leases held under <paramref name="holderPrefix"/> by anyone but <paramref name="holder"/>: a node that
    /// knows its earlier process is gone (it holds the node's lock) takes back what that process had claimed, rather
    /// than waiting for the leases to run out. Answers how many rows it released.
    /// </summary>
    Task<int> ReleaseLeasesAsync(string holderPrefix, string holder, CancellationToken cancellationToken = default);

    /// <summary>When the next delivery not yet leased falls due, or null when none waits.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default);

    /// <summary>Records the receiver's answer in a commit of its own, so a restart never sends the row again.</summary>
    Task MarkDeliveredAsync(string key, int attempt, CancellationToken cancellationToken = default);

    /// <summary>Records a failed attempt: due again at <paramref name="retryAt"/>, or given up for good when it is null.</summary>
    Task MarkFailedAsync(string key, int attempt, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default);

    /// <summary>Every delivery of the ticket, oldest first (for the desk's timeline and tests).</summary>
    Task<IReadOnlyList<DeliveryState>> ListAsync(Guid ticketId, CancellationToken cancellationToken = default);
}

/// <param name="Attempts">Attempts made before this one.</param>
public sealed record PendingDelivery(PlannedDelivery Delivery, int Attempts);

public sealed record DeliveryState(PlannedDelivery Delivery, int Attempts, DateTimeOffset NextAttemptAt, DateTimeOffset? DeliveredAt, DateTimeOffset? GaveUpAt, string? LastError);
