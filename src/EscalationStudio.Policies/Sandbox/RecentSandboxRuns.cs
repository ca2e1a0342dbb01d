using System.Collections.Concurrent;

namespace EscalationStudio.Policies.Sandbox;

/// <summary>
/// The last test runs, kept in memory so a run's page can be opened (and reloaded) afterwards; older ones drop off.
/// The newest <see cref="OpenCapacity"/> stay open for injected events; an older one keeps its last picture only.
/// A run is found by its run id and, once its policy started, by its instance id (what the designer gets back).
/// </summary>
public sealed class RecentSandboxRuns
{
    public const int Capacity = 100;
    public const int OpenCapacity = 20;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, SandboxRun> _runs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxSession> _open = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Queue<string> _openOrder = new();

    public void Add(SandboxRun run)
    {
        lock (_lock)
        {
            Keep(run);
        }
    }

    /// <summary>Keeps a run open for events; the oldest open run beyond <see cref="OpenCapacity"/> is closed.</summary>
    public void Add(SandboxSession session)
    {
        SandboxSession? closing = null;
        lock (_lock)
        {
            Keep(session.Run);
            _open[session.Id] = session;
            _openOrder.Enqueue(session.Id);
            if (_openOrder.Count > OpenCapacity && _openOrder.TryDequeue(out var oldest) && _open.Remove(oldest, out closing) && _runs.ContainsKey(oldest))
            {
                _runs[oldest] = closing.Run;
                if (closing.Run.InstanceId is { } instanceId)
                {
                    _runs[instanceId] = closing.Run;
                }
            }
        }

        if (closing is not null)
        {
            _ = closing.DisposeAsync().AsTask();
        }
    }

    /// <param name="id">The run's id, or its instance id.</param>
    public SandboxRun? Find(string id)
    {
        lock (_lock)
        {
            var run = _runs.GetValueOrDefault(id);
            return run is not null && _open.TryGetValue(run.Id, out var session) ? session.Run : run;
        }
    }

    /// <summary>The open run behind <paramref name="id"/>; null when there is none or it no longer takes events.</summary>
    public SandboxSession? FindOpen(string id)
    {
        lock (_lock)
        {
            return _runs.GetValueOrDefault(id) is { } run && _open.TryGetValue(run.Id, out var session) && session.AcceptsEvents ? session : null;
        }
    }

    /// <summary>Records what an open run shows after an event, so it is also found by an instance id it got since.</summary>
    public void Update(SandboxSession session)
    {
        lock (_lock)
        {
            if (_runs.ContainsKey(session.Id) && session.Run.InstanceId is { } instanceId)
            {
                _runs[instanceId] = session.Run;
            }
        }
    }

    /// <summary>The kept runs, newest first; only those of one policy when <paramref name="definitionId"/> is given.</summary>
    public IReadOnlyList<SandboxRun> List(string? definitionId = null)
    {
        lock (_lock)
        {
            return [.. _runs.Values.DistinctBy(run => run.Id).Select(run => _open.TryGetValue(run.Id, out var session) ? session.Run : run)
                .Where(run => definitionId is null || run.DefinitionId == definitionId)
                .OrderByDescending(run => run.StartedAt).ThenByDescending(run => run.Id, StringComparer.Ordinal)];
        }
    }

    private void Keep(SandboxRun run)
    {
        _runs[run.Id] = run;
        if (run.InstanceId is { } instanceId)
        {
            _runs[instanceId] = run;
        }

        _order.Enqueue(run.Id);
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            if (_runs.Remove(oldest, out var dropped) && dropped.InstanceId is { } droppedInstance)
            {
                _runs.Remove(droppedInstance);
            }
        }
    }
}
