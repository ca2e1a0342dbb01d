namespace EscalationStudio.Policies.Routing;

/// <summary>How a policy picks the agent who receives a case inside a tier.</summary>
public enum OwnerPick
{
    /// <summary>Nobody in particular: the case waits in the tier's queue.</summary>
    Queue,

    /// <summary>The next agent in turn.</summary>
    RoundRobin,

    /// <summary>The agent with the fewest open cases relative to their capacity.</summary>
    LeastLoaded,

    /// <summary>The least loaded agent who has the required skill.</summary>
    Skills,
}

/// <summary>Open cases per agent; the server answers it from its ticket store. Without it, least-loaded picks turn round-robin.</summary>
public interface IAgentWorkload
{
    ValueTask<IReadOnlyDictionary<string, int>> OpenTicketsByAgentAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Makes owner picks in one tier take turns across the nodes that share a database: a pick holds it until its
/// assignment is committed (or failed), so the next pick, on any node, reads a workload that already counts it. One
/// node needs none (its picks are counted in process); the server supplies one on PostgreSQL.
/// </summary>
public interface ITierPickLock
{
    /// <returns>What releases the turn, or null when no lock across nodes is needed.</returns>
    ValueTask<IAsyncDisposable?> AcquireAsync(string tierId, CancellationToken cancellationToken = default);
}
