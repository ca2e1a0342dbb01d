namespace EscalationStudio.Workflows.Flowcharts;

/// <summary>
/// The counters of Elsa 3.5's counter-based flowchart (Models/FlowScope.cs): how often each activity was visited
/// and each connection was visited, and whether its last visit was followed. Persisted with the flowchart's context.
/// </summary>
internal sealed class FlowScope
{
    public Dictionary<string, long> ActivityVisits { get; init; } = [];
    public Dictionary<string, long> ConnectionVisits { get; init; } = [];
    public Dictionary<string, bool> ConnectionLastFollowed { get; init; } = [];

    public void RegisterActivityVisit(string activityId) =>
        ActivityVisits[activityId] = ActivityVisits.GetValueOrDefault(activityId) + 1;

    public void RegisterConnectionVisit(Connection connection, bool followed)
    {
        ConnectionVisits[connection.Key] = ConnectionVisits.GetValueOrDefault(connection.Key) + 1;
        ConnectionLastFollowed[connection.Key] = followed;
    }

    private long VisitsOf(string activityId) => ActivityVisits.GetValueOrDefault(activityId);

    private long VisitsOf(Connection connection) => ConnectionVisits.GetValueOrDefault(connection.Key);

    private bool LastFollowed(Connection connection) => ConnectionLastFollowed.GetValueOrDefault(connection.Key);

    /// <summary>Every forward inbound connection was visited since the target last ran.</summary>
    // Plain loops below: these run for every connection of every completed activity, so they must not allocate.
    public bool AllInboundVisited(IReadOnlyList<Connection> inbound, string activityId)
    {
        var visits = VisitsOf(activityId);
        for (var i = 0; i < inbound.Count; i++)
        {
            if (VisitsOf(inbound[i]) <= visits)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every forward inbound connection was followed on its last visit (WaitAll).</summary>
    public bool AllInboundFollowed(IReadOnlyList<Connection> inbound)
    {
        for (var i = 0; i < inbound.Count; i++)
        {
            if (!LastFollowed(inbound[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Among the connections visited most recently, one was followed (WaitAllActive, WaitAny).</summary>
    public bool AnyInboundFollowed(IReadOnlyList<Connection> inbound, string activityId)
    {
        long latest = 0;
        for (var i = 0; i < inbound.Count; i++)
        {
            latest = Math.Max(latest, VisitsOf(inbound[i]));
        }

        if (latest <= VisitsOf(activityId))
        {
            return false;
        }

        for (var i = 0; i < inbound.Count; i++)
        {
            if (VisitsOf(inbound[i]) == latest && LastFollowed(inbound[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>WaitAny: a late arrival after the join already ran is ignored.</summary>
    public bool ShouldIgnore(Connection connection, string activityId) => VisitsOf(connection) <= VisitsOf(activityId);
}
