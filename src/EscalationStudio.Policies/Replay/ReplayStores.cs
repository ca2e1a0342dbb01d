using System.Collections.Concurrent;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Timers;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.State;

namespace EscalationStudio.Policies.Replay;

/// <summary>
/// Instances of a replay: only running ones are kept (a finished instance is never read again in a replay), as JSON so
/// nothing is shared with a running execution, with the instances of each ticket so a closed ticket's are cancelled.
/// </summary>
internal sealed class ReplayInstanceStore : IWorkflowInstanceStore
{
    private readonly ConcurrentDictionary<string, (string? Ticket, string Json)> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> _byTicket = new(StringComparer.Ordinal);

    /// <summary>Runs that ended faulted, per policy.</summary>
    public ConcurrentDictionary<string, int> Faulted { get; } = new(StringComparer.Ordinal);

    public ValueTask SaveAsync(WorkflowState state, CancellationToken cancellationToken = default)
    {
        if (state.Status == WorkflowStatus.Finished)
        {
            if (state.SubStatus == WorkflowSubStatus.Faulted)
            {
                Faulted.AddOrUpdate(state.DefinitionId, 1, (_, n) => n + 1);
            }

            Drop(state.Id, state.CorrelationId);
            return ValueTask.CompletedTask;
        }

        _running[state.Id] = (state.CorrelationId, WorkflowStateJson.Serialize(state));
        if (state.CorrelationId is { } ticket)
        {
            var ids = _byTicket.GetOrAdd(ticket, _ => []);
            lock (ids)
            {
                ids.Add(state.Id);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<WorkflowState?> FindAsync(string instanceId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_running.TryGetValue(instanceId, out var kept) ? WorkflowStateJson.Deserialize(kept.Json) : null);

    public ValueTask<IReadOnlyList<WorkflowInstanceSummary>> ListAsync(WorkflowInstanceQuery query, CancellationToken cancellationToken = default)
    {
        var candidates = query.CorrelationId is { } ticket
            ? (_byTicket.GetValueOrDefault(ticket)?.ToList() ?? []).Select(id => _running.GetValueOrDefault(id).Json).OfType<string>()
            : _running.Values.Select(v => v.Json);
        return ValueTask.FromResult<IReadOnlyList<WorkflowInstanceSummary>>([.. candidates
            .Select(json => WorkflowInstanceSummary.Of(WorkflowStateJson.Deserialize(json)))
            .Where(i => (query.DefinitionId is null || i.DefinitionId == query.DefinitionId) && (query.SubStatus is null || i.SubStatus == query.SubStatus))
            .OrderByDescending(i => i.UpdatedAt)
            .Skip(query.Skip)
            .Take(query.Take)]);
    }

    /// <summary>The instances still running for a ticket.</summary>
    public IReadOnlyList<string> RunningFor(string ticket) =>
        _byTicket.TryGetValue(ticket, out var ids) ? [.. ids] : [];

    public int Running => _running.Count;

    /// <summary>Lets go of a ticket's instances (after they were cancelled, or when the replay is done with it).</summary>
    public void Forget(string ticket)
    {
        if (_byTicket.TryRemove(ticket, out var ids))
        {
            foreach (var id in ids)
            {
                _running.TryRemove(id, out _);
            }
        }
    }

    private void Drop(string instanceId, string? ticket)
    {
        _running.TryRemove(instanceId, out _);
        if (ticket is not null && _byTicket.TryGetValue(ticket, out var ids))
        {
            lock (ids)
            {
                ids.Remove(instanceId);
            }
        }
    }
}

/// <summary>The dispatcher's one-instance-per-policy-and-ticket index, emptied of a ticket once the replay drops it.</summary>
internal sealed class ReplayInstanceIndex : IPolicyInstanceIndex
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, string>> _instances = new();

    public ValueTask<string?> FindAsync(string definitionId, Guid ticketId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_instances.TryGetValue(ticketId, out var policies) ? policies.GetValueOrDefault(definitionId) : null);

    public ValueTask TrackAsync(string definitionId, Guid ticketId, string instanceId, CancellationToken cancellationToken = default)
    {
        _instances.GetOrAdd(ticketId, _ => new(StringComparer.Ordinal))[definitionId] = instanceId;
        return ValueTask.CompletedTask;
    }

    public void Forget(Guid ticketId) => _instances.TryRemove(ticketId, out _);
}

/// <summary>
/// The timers of a replay, ordered by due time, so the replay asks "is anything due before the next event?" without
/// scanning every armed timer. A cancelled timer stays in the queue until its turn, and is then skipped.
/// </summary>
internal sealed class ReplayTimers : ITimerBackend
{
    private readonly PriorityQueue<string, DateTimeOffset> _due = new();
    private readonly Dictionary<string, DateTimeOffset> _armed = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public ValueTask ScheduleAsync(string bookmarkId, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _armed[bookmarkId] = dueAt;
            _due.Enqueue(bookmarkId, dueAt);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask CancelAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _armed.Remove(bookmarkId);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask RearmAsync(IReadOnlyList<StoredBookmark> timers, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <summary>The earliest armed timer due at or before <paramref name="until"/>, taken off the queue; null when none is.</summary>
    public DateTimeOffset? TakeNextDue(DateTimeOffset until)
    {
        lock (_lock)
        {
            while (_due.TryPeek(out var id, out var at) && at <= until)
            {
                _due.Dequeue();
                if (_armed.TryGetValue(id, out var armedAt) && armedAt == at)
                {
                    _armed.Remove(id);
                    return at;
                }
            }

            return null;
        }
    }

    public int Armed
    {
        get
        {
            lock (_lock)
            {
                return _armed.Count;
            }
        }
    }
}
