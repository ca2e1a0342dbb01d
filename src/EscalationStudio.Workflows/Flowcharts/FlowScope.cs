namespace EscalationStudio.Workflows.Flowcharts;

/// <summary>
/// The counters of Elsa 3.5's counter-based flowchart (Models/FlowScope.cs): how often each activity was visited
/// and each connection was visited, and whether its last visit was followed. Persisted with the flowchart's context.
/// </summary>
public sealed class FlowScope
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
    public bool AllInboundVisited(IReadOnlyList<Connection> inbound, string activityId)
    {
        var visits = VisitsOf(activityId);
        return inbound.Count == 0 || inbound.Min(VisitsOf) > visits;
    }

    /// <summary>Every forward inbound connection was followed on its last visit (WaitAll).</summary>
    public bool AllInboundFollowed(IReadOnlyList<Connection> inbound) => inbound.All(LastFollowed);

    /// <summary>Among the connections visited most recently, one was followed (WaitAllActive, WaitAny).</summary>
    public bool AnyInboundFollowed(IReadOnlyList<Connection> inbound, string activityId)
    {
        if (inbound.Count == 0) return false;
        var latest = inbound.Max(VisitsOf);
        return latest > VisitsOf(activityId) && inbound.Any(c => VisitsOf(c) == latest && LastFollowed(c));
    }

    /// <summary>WaitAny: a late arrival after the join already ran is ignored.</summary>
    public bool ShouldIgnore(Connection connection, string activityId) => VisitsOf(connection) <= VisitsOf(activityId);
}
