namespace EscalationStudio.Policies.Timers;

/// <summary>Keeps armed timers in a list and fires nothing by itself: tests and replays fire them with <see cref="DueTimers"/>.</summary>
public sealed class ManualTimerBackend : ITimerBackend
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _armed = new();

    public IReadOnlyDictionary<string, DateTimeOffset> Armed => _armed;

    public ValueTask ScheduleAsync(string bookmarkId, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        _armed[bookmarkId] = dueAt;
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlySet<string>> ListArmedAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlySet<string>>(_armed.Keys.ToHashSet());

    public ValueTask CancelAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        _armed.TryRemove(bookmarkId, out _);
        return ValueTask.CompletedTask;
    }
}
