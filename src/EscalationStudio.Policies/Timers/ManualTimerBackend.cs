using System.Collections.Concurrent;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Policies.Timers;

/// <summary>Keeps armed timers in a list and fires nothing by itself: tests and replays fire them with <see cref="DueTimers"/>.</summary>
internal sealed class ManualTimerBackend : ITimerBackend
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _armed = new();

    public IReadOnlyDictionary<string, DateTimeOffset> Armed => _armed;

    public ValueTask ScheduleAsync(string bookmarkId, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        _armed[bookmarkId] = dueAt;
        return ValueTask.CompletedTask;
    }

    public ValueTask RearmAsync(IReadOnlyList<StoredBookmark> timers, CancellationToken cancellationToken = default)
    {
        foreach (var timer in timers)
        {
            if (timer.Bookmark.DueAt is { } due)
            {
                _armed.TryAdd(timer.Bookmark.Id, due);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask CancelAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        _armed.TryRemove(bookmarkId, out _);
        return ValueTask.CompletedTask;
    }
}
