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
