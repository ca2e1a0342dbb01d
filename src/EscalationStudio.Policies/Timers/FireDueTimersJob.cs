using Quartz;

namespace EscalationStudio.Policies.Timers;

/// <summary>The job of one due slot (see <see cref="QuartzTimerBackend"/>): fires every timer bookmark due by now.</summary>
internal sealed class FireDueTimersJob(DueTimers timers, TimeProvider clock) : IJob
{
    // Instances resume independently; a few at once overlap one's database wait with another's work without
    // flooding SQLite's single writer. runtime-timers, 100,000 due within a minute on two busy cores: one at a time
    // fell behind (lag p99 56 s), four kept up (p99 105-188 ms).
    private const int ParallelInstances = 4;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        // Quartz starts a job up to a few milliseconds before its fire time; waiting them out keeps every timer from
        // firing before it is due (a bookmark due in the last milliseconds of the slot would also be missed).
        if (context.ScheduledFireTimeUtc - clock.GetUtcNow() is { } early && early > TimeSpan.Zero)
        {
            await Task.Delay(early, clock, cancellationToken);
        }

        await timers.FireDueAsync(clock.GetUtcNow(), ParallelInstances, cancellationToken);
    }
}

/// <summary>
/// The per-bookmark job armed by versions before due slots; kept so that those stored jobs still load and fire
/// their bookmark once after an upgrade.
/// </summary>
internal sealed class ResumeBookmarkJob(DueTimers timers) : IJob
{
    public const string BookmarkIdKey = "bookmarkId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var bookmarkId = context.MergedJobDataMap.GetString(BookmarkIdKey);
        if (!string.IsNullOrEmpty(bookmarkId))
        {
            await timers.FireAsync(bookmarkId, cancellationToken);
        }
    }
}
