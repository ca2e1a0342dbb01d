using Quartz;

namespace EscalationStudio.Policies.Timers;

/// <summary>One Quartz job per timer bookmark, keyed by the bookmark id; a timer missed while the server was down fires at start.</summary>
public sealed class QuartzTimerBackend(ISchedulerFactory schedulers) : ITimerBackend
{
    public const string Group = "escalation-timers";

    public async ValueTask ScheduleAsync(string bookmarkId, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<ResumeBookmarkJob>()
            .WithIdentity(bookmarkId, Group)
            .UsingJobData(ResumeBookmarkJob.BookmarkIdKey, bookmarkId)
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(bookmarkId, Group)
            .StartAt(dueAt)
            .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    public async ValueTask<IReadOnlySet<string>> ListArmedAsync(CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return (await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(Group), cancellationToken)).Select(key => key.Name).ToHashSet();
    }

    public async ValueTask CancelAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.DeleteJob(new JobKey(bookmarkId, Group), cancellationToken);
    }
}

/// <summary>Resumes the bookmark the job was scheduled for.</summary>
public sealed class ResumeBookmarkJob(DueTimers timers) : IJob
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
