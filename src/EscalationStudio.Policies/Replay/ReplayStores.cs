using System.Collections.Concurrent;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Timers;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.State;

namespace EscalationStudio.Policies.Replay;

/// <summary>
/// Instances of a replay: only running ones are kept (a finished instance is never read again in a replay), with the
/// instances of each ticket so a closed ticket's are cancelled. The captured state itself is kept, not its JSON: a run
/// never shares anything mutable with it (restoring deep-copies the properties and converts every value, capturing
/// builds a new state), and writing and parsing the JSON again on every run was a fifth of the replay's time.
/// </summary>
internal sealed class ReplayInstanceStore : IWorkflowInstanceStore
{
    private readonly ConcurrentDictionary<string, (string? Ticket, WorkflowState State)> _running = new(StringComparer.Ordinal);
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

        _running[state.Id] = (state.CorrelationId, state);
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
        ValueTask.FromResult(_running.TryGetValue(instanceId, out var kept) ? kept.State : null);

    public ValueTask<IReadOnlyList<WorkflowInstanceSummary>> ListAsync(WorkflowInstanceQuery query, CancellationToken cancellationToken = default)
    {
        var candidates = query.CorrelationId is { } ticket
            ? (_byTicket.GetValueOrDefault(ticket)?.ToList() ?? []).Select(id => _running.GetValueOrDefault(id).State).OfType<WorkflowState>()
            : _running.Values.Select(v => v.State);
        return ValueTask.FromResult<IReadOnlyList<WorkflowInstanceSummary>>([.. candidates
            .Select(WorkflowInstanceSummary.Of)
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

/// <summary>
/// The bookmark store of a replay, indexed by instance, stimulus hash and due time, so the dispatcher's lookup of a
/// ticket's watchers and the due-timer query touch only what they answer, not every open ticket's bookmarks. It answers
/// in the order <see cref="InMemoryBookmarkStore"/> does (an instance's bookmarks after those of instances saved
/// before its last save), which decides which waiting policy hears an event first.
/// </summary>
internal sealed class ReplayBookmarkStore : IBookmarkStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Saved> _byInstance = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Saved> _byOrder = [];
    private readonly Dictionary<string, HashSet<Saved>> _byHash = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredBookmark> _byId = new(StringComparer.Ordinal);
    private readonly SortedSet<(DateTimeOffset DueAt, long Order, int Index)> _due = new(DueOrder.Instance);
    private long _saves;

    public ValueTask ReplaceAsync(string workflowInstanceId, IReadOnlyList<StoredBookmark> bookmarks, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_byInstance.Remove(workflowInstanceId, out var previous))
            {
                Unindex(previous);
            }

            if (bookmarks.Count > 0)
            {
                Index(workflowInstanceId, new Saved(++_saves, [.. bookmarks]));
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<StoredBookmark>> FindByHashAsync(string hash, CancellationToken cancellationToken = default) =>
        FindByHashesAsync([hash], cancellationToken);

    public ValueTask<IReadOnlyList<StoredBookmark>> FindByHashesAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var found = new List<(long Order, int Index, StoredBookmark Bookmark)>();
            var wanted = hashes.Count == 1 ? null : hashes.ToHashSet(StringComparer.Ordinal);
            var seen = new HashSet<Saved>();
            foreach (var hash in wanted ?? (IEnumerable<string>)hashes)
            {
                foreach (var saved in _byHash.GetValueOrDefault(hash) ?? [])
                {
                    if (!seen.Add(saved))
                    {
                        continue;
                    }

                    for (var i = 0; i < saved.Bookmarks.Length; i++)
                    {
                        var bookmark = saved.Bookmarks[i];
                        if (wanted is null ? bookmark.Bookmark.Hash == hash : wanted.Contains(bookmark.Bookmark.Hash))
                        {
                            found.Add((saved.Order, i, bookmark));
                        }
                    }
                }
            }

            return ValueTask.FromResult(InStoreOrder(found));
        }
    }

    public ValueTask<StoredBookmark?> FindAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_byId.GetValueOrDefault(bookmarkId));
        }
    }

    public ValueTask<IReadOnlyList<StoredBookmark>> ListDueAsync(DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var found = new List<(long Order, int Index, StoredBookmark Bookmark)>();
            foreach (var (dueAt, order, index) in _due)
            {
                if (dueAt > until)
                {
                    break;
                }

                found.Add((order, index, _byOrder[order].Bookmarks[index]));
            }

            return ValueTask.FromResult(InStoreOrder(found));
        }
    }

    /// <summary>Bookmarks held (for tests: a closed ticket's go).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byId.Count;
            }
        }
    }

    private static IReadOnlyList<StoredBookmark> InStoreOrder(List<(long Order, int Index, StoredBookmark Bookmark)> found)
    {
        found.Sort(static (a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Index.CompareTo(b.Index));
        var bookmarks = new StoredBookmark[found.Count];
        for (var i = 0; i < found.Count; i++)
        {
            bookmarks[i] = found[i].Bookmark;
        }

        return bookmarks;
    }

    private void Index(string instanceId, Saved saved)
    {
        _byInstance[instanceId] = saved;
        _byOrder[saved.Order] = saved;
        for (var i = 0; i < saved.Bookmarks.Length; i++)
        {
            var bookmark = saved.Bookmarks[i];
            if (!_byHash.TryGetValue(bookmark.Bookmark.Hash, out var instances))
            {
                _byHash[bookmark.Bookmark.Hash] = instances = [];
            }

            instances.Add(saved);
            // Bookmark ids are unique (the engine makes them up); the first saved wins, as a scan of the list would find it.
            _byId.TryAdd(bookmark.Bookmark.Id, bookmark);
            if (bookmark.Bookmark.DueAt is { } dueAt)
            {
                _due.Add((dueAt, saved.Order, i));
            }
        }
    }

    private void Unindex(Saved saved)
    {
        _byOrder.Remove(saved.Order);
        for (var i = 0; i < saved.Bookmarks.Length; i++)
        {
            var bookmark = saved.Bookmarks[i];
            if (_byHash.TryGetValue(bookmark.Bookmark.Hash, out var instances) && instances.Remove(saved) && instances.Count == 0)
            {
                _byHash.Remove(bookmark.Bookmark.Hash);
            }

            if (_byId.TryGetValue(bookmark.Bookmark.Id, out var indexed) && ReferenceEquals(indexed, bookmark))
            {
                _byId.Remove(bookmark.Bookmark.Id);
            }

            if (bookmark.Bookmark.DueAt is { } dueAt)
            {
                _due.Remove((dueAt, saved.Order, i));
            }
        }
    }

    /// <summary>One instance's bookmarks as its last save left them; <see cref="Order"/> counts the saves.</summary>
    private sealed class Saved(long order, StoredBookmark[] bookmarks)
    {
        public long Order { get; } = order;

        public StoredBookmark[] Bookmarks { get; } = bookmarks;
    }

    /// <summary>Due time first (as an instant, whatever its offset), then store order.</summary>
    private sealed class DueOrder : IComparer<(DateTimeOffset DueAt, long Order, int Index)>
    {
        public static readonly DueOrder Instance = new();

        public int Compare((DateTimeOffset DueAt, long Order, int Index) x, (DateTimeOffset DueAt, long Order, int Index) y)
        {
            var byTime = x.DueAt.UtcTicks.CompareTo(y.DueAt.UtcTicks);
            return byTime != 0 ? byTime : x.Order != y.Order ? x.Order.CompareTo(y.Order) : x.Index.CompareTo(y.Index);
        }
    }
}
