using System.Collections.Concurrent;
using System.Diagnostics;
using EscalationStudio.Policies.Timers;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace EscalationStudio.Benchmarks;

/// <summary>
/// Arms timers through the runtime's own path (the host's <see cref="IBookmarkScheduler"/> = PolicyTimers → the Quartz
/// timer backend) with due times spread over a short window, lets Quartz fire them into the resume job (DueTimers →
/// WorkflowRuntime.ResumeBookmarkAsync), and records when each job ran against its due time.
/// </summary>
internal sealed class RuntimeTimers(IServiceProvider services)
{
    public async Task<(double LagP50Ms, double LagP99Ms, double MaxLagMs, double ManagedMb, double WorkingSetMb, int Fired, TimeSpan Arming)> RunAsync(
        int count, TimeSpan lead, TimeSpan window)
    {
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var fired = new FiredTimers(count);
        scheduler.ListenerManager.AddJobListener(fired, GroupMatcher<JobKey>.GroupEquals(QuartzTimerBackend.Group));
        var timers = services.GetRequiredService<IBookmarkScheduler>();

        var managedBefore = ManagedBytes();
        var workingSetBefore = Environment.WorkingSet;
        var firstDue = DateTimeOffset.UtcNow + lead;
        var arming = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = firstDue + (window * i / count);
            await timers.ScheduleAsync(new StoredBookmark(Timer($"bench-timer-{i}", due), $"bench-instance-{i}", "bench-v1", null));
        }

        arming.Stop();
        var managedMb = (ManagedBytes() - managedBefore) / 1024.0 / 1024.0;
        var workingSetMb = (Environment.WorkingSet - workingSetBefore) / 1024.0 / 1024.0;

        // Stops by itself: every timer fired, or the window plus a minute passed.
        var giveUp = firstDue + window + TimeSpan.FromMinutes(1) - DateTimeOffset.UtcNow;
        await Task.WhenAny(fired.AllFired, Task.Delay(giveUp > TimeSpan.Zero ? giveUp : TimeSpan.Zero));
        var lags = fired.LagsMs.ToArray();
        return (RuntimeEventClock.Percentile(lags, 50), RuntimeEventClock.Percentile(lags, 99), lags.Length == 0 ? double.NaN : lags.Max(),
            managedMb, workingSetMb, lags.Length, arming.Elapsed);
    }

    private static long ManagedBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static Bookmark Timer(string id, DateTimeOffset due) => new()
    {
        Id = id,
        Name = "Escalation.SlaTimer",
        Hash = id,
        ActivityId = "FirstResponse",
        ActivityNodeId = "flowchart:FirstResponse",
        ActivityInstanceId = id,
        CreatedAt = DateTimeOffset.UtcNow,
        DueAt = due,
    };

    /// <summary>Notes, for each resume job that finished, how long after its due time it ran.</summary>
    private sealed class FiredTimers(int expected) : IJobListener
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentBag<double> LagsMs { get; } = [];

        public Task AllFired => _all.Task;

        public string Name => "runtime-benchmark-fired-timers";

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            var due = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
            LagsMs.Add((DateTimeOffset.UtcNow - due).TotalMilliseconds);
            if (LagsMs.Count >= expected)
            {
                _all.TrySetResult();
            }

            return ValueTask.CompletedTask;
        }
    }
}
