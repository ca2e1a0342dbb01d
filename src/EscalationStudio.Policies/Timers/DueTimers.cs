using System.Collections.Concurrent;
using System.Diagnostics;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.Logging;

namespace EscalationStudio.Policies.Timers;

/// <summary>
/// Fires every timer bookmark due by a given instant: one due-time query, then each bookmark resumed as listed. The
/// Quartz job of a due slot calls it; tests and the <c>simulate</c> replay call it with a fake clock's time, so
/// due-time computation and firing are tested without sleeping.
/// </summary>
internal sealed class DueTimers(WorkflowRuntime runtime, IBookmarkStore bookmarks, TimeProvider clock, ILogger<DueTimers> logger, TimerLag? lag = null)
{
    // A bookmark whose resume threw (its definition version is gone, the database refused) would otherwise be retried
    // by every later due slot; it waits this long instead, and is tried afresh after a restart.
    private static readonly TimeSpan RetryFailedAfter = TimeSpan.FromMinutes(1);

    // Fired bookmarks are remembered this long: a job that listed them before they were fired skips them.
    private static readonly TimeSpan RememberFiredFor = TimeSpan.FromMinutes(1);

    // Jobs of neighbouring slots overlap when one falls behind, and both list the older one's bookmarks: the one
    // already resuming a bookmark keeps it, and the other skips it, also when it fired after the other listed it,
    // instead of queueing on the instance lock to find it burnt (or, for an orphan, deleting it and counting it twice).
    private readonly ConcurrentDictionary<string, byte> _firing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _firedAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _failed = new(StringComparer.Ordinal);
    private long _sweptAt = Stopwatch.GetTimestamp();
    private int _jobsInFlight;

    /// <summary>How many fired bookmark ids are remembered for jobs that listed them before they fired.</summary>
    internal int RememberedFired => _firedAt.Count;

    /// <summary>Resumes one instance at a time, in due order, as replays and tests want.</summary>
    /// <returns>How many instances were resumed.</returns>
    public Task<int> FireDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        FireDueAsync(now, parallelInstances: 1, cancellationToken);

    /// <param name="now">The instant to fire by.</param>
    /// <param name="parallelInstances">How many instances resume at once: they are independent, each resumes under its own lock.</param>
    /// <param name="cancellationToken">Stops resuming more.</param>
    /// <returns>How many instances were resumed.</returns>
    public async Task<int> FireDueAsync(DateTimeOffset now, int parallelInstances, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _jobsInFlight);
        try
        {
            return await FireListedAsync(now, parallelInstances, cancellationToken);
        }
        finally
        {
            ForgetFiredIfNoJobIsLeft();
        }
    }

    private async Task<int> FireListedAsync(DateTimeOffset now, int parallelInstances, CancellationToken cancellationToken)
    {
        var listedAt = Stopwatch.GetTimestamp();
        ForgetLongFired(listedAt);
        var claimed = (await bookmarks.ListDueAsync(now, cancellationToken))
            .Where(due => TryClaim(due.Bookmark.Id, listedAt, now))
            .OrderBy(due => due.Bookmark.DueAt)
            .GroupBy(due => due.WorkflowInstanceId)
            .ToList();
        var fired = 0;
        if (parallelInstances == 1)
        {
            // In due order on the caller's thread: a replay fires its timers one due time at a time, and a hop to the
            // thread pool for each cost more than the resume itself.
            foreach (var timersOfInstance in claimed)
            {
                cancellationToken.ThrowIfCancellationRequested();
                fired += await FireAllAsync(timersOfInstance, cancellationToken);
            }

            return fired;
        }

        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = parallelInstances, CancellationToken = cancellationToken },
            async (timersOfInstance, token) => Interlocked.Add(ref fired, await FireAllAsync(timersOfInstance, token)));
        return fired;
    }

    private async Task<int> FireAllAsync(IEnumerable<StoredBookmark> timersOfInstance, CancellationToken cancellationToken)
    {
        var fired = 0;
        foreach (var due in timersOfInstance)
        {
            if (await FireClaimedAsync(due, cancellationToken))
            {
                fired++;
            }
        }

        return fired;
    }

    /// <summary>Fires one bookmark by id (the per-bookmark jobs armed by earlier versions).</summary>
    public async Task<bool> FireAsync(string bookmarkId, CancellationToken cancellationToken = default) =>
        await runtime.ResumeBookmarkAsync(bookmarkId, null, cancellationToken) is not null;

    private bool TryClaim(string bookmarkId, long listedAt, DateTimeOffset now)
    {
        if ((_failed.TryGetValue(bookmarkId, out var retryAt) && retryAt > now) || !_firing.TryAdd(bookmarkId, 0))
        {
            return false;
        }

        // Checked once claimed: a job that fired it notes so before letting go of it, so this sees that note.
        if (_firedAt.TryGetValue(bookmarkId, out var firedAt) && firedAt >= listedAt)
        {
            _firing.TryRemove(bookmarkId, out _);
            return false;
        }

        return true;
    }

    /// <summary>
    /// A fired id matters only to a job that listed its bookmark before it fired: once no job is left running, none of
    /// the ids fired so far matters to any job (one starting now lists after them). A replay fires one due slot after
    /// another with none running between, and remembering each id for a minute of real time was 13 MB of a 600,000-event
    /// replay's 33 MB live heap. The minute's sweep still bounds the ids while jobs overlap without a gap.
    /// </summary>
    private void ForgetFiredIfNoJobIsLeft()
    {
        var firedBy = Stopwatch.GetTimestamp();
        if (Interlocked.Decrement(ref _jobsInFlight) == 0)
        {
            ForgetFiredBy(firedBy);
        }
    }

    private void ForgetLongFired(long now)
    {
        // Swept every few seconds, not at every slot: a minute of 100,000 timers is that many entries.
        if (Stopwatch.GetElapsedTime(Interlocked.Read(ref _sweptAt), now) < TimeSpan.FromSeconds(10))
        {
            return;
        }

        Interlocked.Exchange(ref _sweptAt, now);
        ForgetFiredBy(now - (long)(RememberFiredFor.TotalSeconds * Stopwatch.Frequency));
    }

    /// <summary>Forgets the bookmark ids fired at or before <paramref name="timestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    private void ForgetFiredBy(long timestamp)
    {
        foreach (var (bookmarkId, firedAt) in _firedAt)
        {
            if (firedAt <= timestamp)
            {
                _firedAt.TryRemove(bookmarkId, out _);
            }
        }
    }

    private async Task<bool> FireClaimedAsync(StoredBookmark due, CancellationToken cancellationToken)
    {
        try
        {
            // The lag ends when the timer fires, not when its policy run is over.
            var firedAt = clock.GetUtcNow();
            var resumption = await runtime.ResumeAsync(due, null, cancellationToken);
            if (resumption.Outcome == BookmarkResumptionOutcome.Held)
            {
                // Its policy is suspended: the timer stays due and is looked at again a minute later, not at every slot.
                _failed[due.Bookmark.Id] = clock.GetUtcNow() + RetryFailedAfter;
                return false;
            }

            if (resumption.Outcome != BookmarkResumptionOutcome.AlreadyResumed && due.Bookmark.DueAt is { } dueAt)
            {
                lag?.Record(firedAt - dueAt);
            }

            _failed.TryRemove(due.Bookmark.Id, out _);
            _firedAt[due.Bookmark.Id] = Stopwatch.GetTimestamp();
            return resumption.Outcome == BookmarkResumptionOutcome.Resumed;
        }
        catch (Exception problem) when (problem is not OperationCanceledException)
        {
            // One bookmark that cannot be resumed must not keep the others of its slot from firing.
            logger.LogError(problem, "Timer bookmark {BookmarkId} of instance {InstanceId} could not be resumed; retrying after {RetryAfter}",
                due.Bookmark.Id, due.WorkflowInstanceId, RetryFailedAfter);
            _failed[due.Bookmark.Id] = clock.GetUtcNow() + RetryFailedAfter;
            return false;
        }
        finally
        {
            _firing.TryRemove(due.Bookmark.Id, out _);
        }
    }
}
