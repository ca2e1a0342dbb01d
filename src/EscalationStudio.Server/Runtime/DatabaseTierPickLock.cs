using EscalationStudio.Persistence.Locks;
using EscalationStudio.Policies.Routing;

namespace EscalationStudio.Server.Runtime;

/// <summary>A tier's owner picks take turns across the nodes sharing PostgreSQL; on SQLite (one node) there is nothing to take.</summary>
internal sealed class DatabaseTierPickLock(DatabaseLocks locks) : ITierPickLock
{
    public async ValueTask<IAsyncDisposable?> AcquireAsync(string tierId, CancellationToken cancellationToken = default) =>
        locks.AcrossNodes ? await locks.For($"tier-pick:{tierId.ToLowerInvariant()}").AcquireAsync(cancellationToken: cancellationToken) : null;
}
