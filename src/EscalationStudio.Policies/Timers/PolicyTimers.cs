using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Policies.Timers;

/// <summary>Where timers are kept until due: Quartz in production, a hand-driven list in tests.</summary>
public interface ITimerBackend
{
    ValueTask ScheduleAsync(string bookmarkId, DateTimeOffset dueAt, CancellationToken cancellationToken = default);

    ValueTask CancelAsync(string bookmarkId, CancellationToken cancellationToken = default);

    /// <summary>The bookmark ids with a timer armed now (after a restart: those a persistent store kept).</summary>
    ValueTask<IReadOnlySet<string>> ListArmedAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Arms a timer for every timer bookmark the runtime stores (SLA points, approval and wait timeouts) and disarms it when
/// the bookmark goes. The bookmark store stays the source of truth: a timer that fires for a bookmark already resumed
/// does nothing, so each timer acts at most once.
/// </summary>
public sealed class PolicyTimers(ITimerBackend backend) : IBookmarkScheduler
{
    public ValueTask ScheduleAsync(StoredBookmark bookmark, CancellationToken cancellationToken = default) =>
        bookmark.Bookmark.DueAt is { } due ? backend.ScheduleAsync(bookmark.Bookmark.Id, due, cancellationToken) : ValueTask.CompletedTask;

    public ValueTask UnscheduleAsync(string bookmarkId, CancellationToken cancellationToken = default) =>
        backend.CancelAsync(bookmarkId, cancellationToken);
}
