using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Policies.Timers;

/// <summary>Where timers are kept until due: Quartz in production, a hand-driven list in tests.</summary>
internal interface ITimerBackend
{
    ValueTask ScheduleAsync(string bookmarkId, DateTimeOffset dueAt, CancellationToken cancellationToken = default);

    ValueTask CancelAsync(string bookmarkId, CancellationToken cancellationToken = default);

    /// <summary>
    /// At start: arms whatever the backend lacks for these stored timer bookmarks (all of them with an in-memory store;
    /// with a persistent one only the gaps, e.g. a bookmark saved just before a crash, before its timer was).
    /// </summary>
    ValueTask RearmAsync(IReadOnlyList<StoredBookmark> timers, CancellationToken cancellationToken = default);
}

/// <summary>
/// Arms a timer for every timer bookmark the runtime stores (SLA points, approval and wait timeouts) and disarms it when
/// the bookmark goes. The bookmark store stays the source of truth: a timer that fires for a bookmark already resumed
/// does nothing, so each timer acts at most once.
/// </summary>
internal sealed class PolicyTimers(ITimerBackend backend) : IBookmarkScheduler
{
    public ValueTask ScheduleAsync(StoredBookmark bookmark, CancellationToken cancellationToken = default) =>
        bookmark.Bookmark.DueAt is { } due ? backend.ScheduleAsync(bookmark.Bookmark.Id, due, cancellationToken) : ValueTask.CompletedTask;

    public ValueTask UnscheduleAsync(string bookmarkId, CancellationToken cancellationToken = default) =>
        backend.CancelAsync(bookmarkId, cancellationToken);
}
