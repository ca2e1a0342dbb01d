using EscalationStudio.Domain.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Persistence.Delivery;

/// <summary>
/// The delivery outbox rows (<see cref="DeliveryOutboxEntry"/>). A claim is a lease: one conditional update per row
/// that only succeeds while nobody else holds an unexpired lease. On PostgreSQL two nodes updating the same row take
/// turns on its row lock and the second re-reads the condition after the first commits, so exactly one of them wins;
/// SQLite has one writer per file. The same statement on both providers, no advisory lock needed.
/// </summary>
internal sealed class EfDeliveryOutbox(IServiceScopeFactory scopes, TimeProvider time) : IDeliveryOutbox
{
    public async Task<IReadOnlyList<PendingDelivery>> ClaimDueAsync(string node, int take, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        var now = time.GetUtcNow();
        var until = now + lease;
        var rows = db.Set<DeliveryOutboxEntry>();
        var due = await Waiting(rows, now)
            .Where(e => e.NextAttemptAt <= now)
            .OrderBy(e => e.NextAttemptAt)
            .Select(e => e.Key)
            .Take(take)
            .ToListAsync(cancellationToken);
        var claimed = new List<string>(due.Count);
        foreach (var key in due)
        {
            var won = await Waiting(rows, now)
                .Where(e => e.Key == key)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.LeasedBy, node).SetProperty(e => e.LeasedUntil, until), cancellationToken);
            if (won == 1)
            {
                claimed.Add(key);
            }
        }

        if (claimed.Count == 0)
        {
            return [];
        }

        var entries = await rows.AsNoTracking().Where(e => claimed.Contains(e.Key)).ToListAsync(cancellationToken);
        return [.. entries.OrderBy(e => e.NextAttemptAt).Select(e => new PendingDelivery(e.ToPlanned(), e.Attempts))];
    }

    public async Task<int> ReleaseLeasesAsync(string holderPrefix, string holder, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        return await db.Set<DeliveryOutboxEntry>()
            .Where(e => e.DeliveredAt == null && e.GaveUpAt == null && e.LeasedBy != null && e.LeasedBy.StartsWith(holderPrefix) && e.LeasedBy != holder)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.LeasedBy, (string?)null).SetProperty(e => e.LeasedUntil, (DateTimeOffset?)null), cancellationToken);
    }

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        var now = time.GetUtcNow();

        // A leased row falls due again when its lease runs out (its node stopped): that counts as its due time.
        var open = db.Set<DeliveryOutboxEntry>().AsNoTracking().Where(e => e.DeliveredAt == null && e.GaveUpAt == null);
        var next = await open.Where(e => e.LeasedUntil == null || e.LeasedUntil < now)
            .OrderBy(e => e.NextAttemptAt).Select(e => (DateTimeOffset?)e.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);
        var leaseEnd = await open.Where(e => e.LeasedUntil != null && e.LeasedUntil >= now)
            .OrderBy(e => e.LeasedUntil).Select(e => e.LeasedUntil).FirstOrDefaultAsync(cancellationToken);
        return (next, leaseEnd) switch
        {
            (null, var end) => end,
            (var at, null) => at,
            var (at, end) => at < end ? at : end,
        };
    }

    public async Task MarkDeliveredAsync(string key, int attempt, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        var now = time.GetUtcNow();
        await db.Set<DeliveryOutboxEntry>().Where(e => e.Key == key)
            .ExecuteUpdateAsync(set => set
                .SetProperty(e => e.DeliveredAt, now)
                .SetProperty(e => e.Attempts, attempt)
                .SetProperty(e => e.LeasedBy, (string?)null)
                .SetProperty(e => e.LeasedUntil, (DateTimeOffset?)null)
                .SetProperty(e => e.LastError, (string?)null), cancellationToken);
    }

    public async Task MarkFailedAsync(string key, int attempt, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        var now = time.GetUtcNow();
        var text = error.Length > DeliveryOutboxEntryConfiguration.ErrorLength ? error[..DeliveryOutboxEntryConfiguration.ErrorLength] : error;
        await db.Set<DeliveryOutboxEntry>().Where(e => e.Key == key)
            .ExecuteUpdateAsync(set => set
                .SetProperty(e => e.Attempts, attempt)
                .SetProperty(e => e.LastError, text)
                .SetProperty(e => e.NextAttemptAt, retryAt ?? now)
                .SetProperty(e => e.GaveUpAt, retryAt == null ? now : null)
                .SetProperty(e => e.LeasedBy, (string?)null)
                .SetProperty(e => e.LeasedUntil, (DateTimeOffset?)null), cancellationToken);
    }

    public async Task<IReadOnlyList<DeliveryState>> ListAsync(Guid ticketId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        var entries = await db.Set<DeliveryOutboxEntry>().AsNoTracking().Where(e => e.TicketId == ticketId).ToListAsync(cancellationToken);
        return [.. entries.OrderBy(e => e.EventSequence).ThenBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new DeliveryState(e.ToPlanned(), e.Attempts, e.NextAttemptAt, e.DeliveredAt, e.GaveUpAt, e.LastError))];
    }

    private static IQueryable<DeliveryOutboxEntry> Waiting(IQueryable<DeliveryOutboxEntry> rows, DateTimeOffset now) =>
        rows.Where(e => e.DeliveredAt == null && e.GaveUpAt == null && (e.LeasedUntil == null || e.LeasedUntil < now));
}
