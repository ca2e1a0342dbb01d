using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Workflows.Flowcharts;

/// <summary>
/// The flowchart's graph seen from its start activity (Elsa's FlowGraph): a breadth-first walk classifies each edge
/// as forward, or backward when it closes a loop. Immutable, so it is computed once per start activity and shared
/// by all instances.
/// </summary>
internal sealed class FlowGraph
{
    private readonly Activity? _start;
    private readonly HashSet<Connection> _forward;
    private readonly Dictionary<Activity, List<Connection>> _outbound;
    private readonly Dictionary<Activity, List<Connection>> _forwardInbound;
    private readonly Dictionary<Connection, bool> _backwardIsValid = [];
    private readonly Dictionary<Activity, HashSet<Activity>> _ancestors = [];
    private readonly Lock _lock = new();

    public FlowGraph(IReadOnlyList<Connection> connections, Activity? start)
    {
        _start = start;
        _outbound = connections.GroupBy(c => c.Source).ToDictionary(g => g.Key, g => g.ToList());
        _forward = start is null ? [] : ForwardConnections(connections, start);
        _forwardInbound = _forward.GroupBy(c => c.Target).ToDictionary(g => g.Key, g => connections.Where(_forward.Contains).Where(c => c.Target == g.Key).ToList());
        foreach (var connection in connections.Where(c => !_forward.Contains(c)))
        {
            _backwardIsValid[connection] = IsValidBackward(connection);
        }
    }

    public IReadOnlyList<Connection> Outbound(Activity activity) => _outbound.GetValueOrDefault(activity) ?? (IReadOnlyList<Connection>)[];

    public IReadOnlyList<Connection> ForwardInbound(Activity activity) => _forwardInbound.GetValueOrDefault(activity) ?? (IReadOnlyList<Connection>)[];

    public bool IsBackward(Connection connection, out bool isValid) => _backwardIsValid.TryGetValue(connection, out isValid);

    /// <summary>Not the start and not the target of any forward connection: unreachable from the start.</summary>
    public bool IsDangling(Activity activity) => activity != _start && !_forwardInbound.ContainsKey(activity);

    public IReadOnlySet<Activity> AncestorsOf(Activity activity)
    {
        lock (_lock)
        {
            if (_ancestors.TryGetValue(activity, out var cached))
            {
                return cached;
            }

            var ancestors = new HashSet<Activity>();
            var queue = new Queue<Activity>([activity]);
            while (queue.TryDequeue(out var current))
            {
                foreach (var connection in ForwardInbound(current))
                {
                    if (ancestors.Add(connection.Source))
                    {
                        queue.Enqueue(connection.Source);
                    }
                }
            }

            _ancestors[activity] = ancestors;
            return ancestors;
        }
    }

    /// <summary>An edge is forward unless its target already reaches its source through forward edges.</summary>
    private static HashSet<Connection> ForwardConnections(IReadOnlyList<Connection> connections, Activity start)
    {
        var adjacency = connections.GroupBy(c => c.Source).ToDictionary(g => g.Key, g => g.Select(c => c.Target).Distinct().ToList());
        var forwardEdges = new List<(Activity Source, Activity Target)>();
        var seenEdges = new HashSet<(Activity, Activity)>();
        var visited = new HashSet<Activity>();
        var queue = new Queue<Activity>([start]);
        while (queue.TryDequeue(out var source))
        {
            visited.Add(source);
            if (!adjacency.TryGetValue(source, out var targets))
            {
                continue;
            }

            foreach (var target in targets)
            {
                if (seenEdges.Contains((source, target)) || Reaches(forwardEdges, target, source))
                {
                    continue;
                }

                seenEdges.Add((source, target));
                forwardEdges.Add((source, target));
                if (!visited.Contains(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        var edgeSet = forwardEdges.ToHashSet();
        return connections.Where(c => edgeSet.Contains((c.Source, c.Target))).ToHashSet();
    }

    private static bool Reaches(List<(Activity Source, Activity Target)> edges, Activity from, Activity to)
    {
        if (from == to)
        {
            return true;
        }

        var visited = new HashSet<Activity>();
        var stack = new Stack<Activity>([from]);
        while (stack.TryPop(out var current))
        {
            if (current == to)
            {
                return true;
            }

            if (!visited.Add(current))
            {
                continue;
            }

            foreach (var edge in edges)
            {
                if (edge.Source == current)
                {
                    stack.Push(edge.Target);
                }
            }
        }

        return false;
    }

    /// <summary>Elsa: a loop edge is valid only if every forward path from the start to its source passes its target.</summary>
    private bool IsValidBackward(Connection connection)
    {
        if (_start is null)
        {
            return false;
        }

        var queue = new Queue<List<Activity>>([[connection.Source]]);
        while (queue.TryDequeue(out var path))
        {
            var last = path[^1];
            if (last == _start)
            {
                if (!path.Contains(connection.Target))
                {
                    return false;
                }

                continue;
            }

            foreach (var previous in _forward.Where(c => c.Target == last).Select(c => c.Source))
            {
                if (!path.Contains(previous))
                {
                    queue.Enqueue([.. path, previous]);
                }
            }
        }

        return true;
    }
}
