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
    public async Task<TimerFigures> RunAsync(
        int count, TimeSpan lead, TimeSpan window)
    {
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var fired = new FiredTimers();
        scheduler.ListenerManager.AddJobListener(fired, GroupMatcher<JobKey>.GroupEquals(QuartzTimerBackend.Group));
        var timers = services.GetRequiredService<IBookmarkScheduler>();

        var managedBefore = ManagedBytes();
        var workingSetBefore = Environment.WorkingSet;
        var firstDue = DateTimeOffset.UtcNow + lead;
        var arming = Stopwatch.StartNew();
        // Arming stops when the first timer falls due, so the run ends by itself however slow the store is; the
        // figures then cover the timers armed (reported), not the count asked for.
        var armed = 0;
        for (; armed < count && DateTimeOffset.UtcNow < firstDue; armed++)
        {
            var due = firstDue + (window * armed / count);
            await timers.ScheduleAsync(new StoredBookmark(Timer($"bench-timer-{armed}", due), $"bench-instance-{armed}", "bench-v1", null));
        }

        fired.Expect(armed);
        arming.Stop();
        var managedMb = (ManagedBytes() - managedBefore) / 1024.0 / 1024.0;
        var workingSetMb = (Environment.WorkingSet - workingSetBefore) / 1024.0 / 1024.0;

        // Stops by itself: every timer fired, or the window plus a minute passed.
        var giveUp = firstDue + window + TimeSpan.FromMinutes(1) - DateTimeOffset.UtcNow;
        await Task.WhenAny(fired.AllFired, Task.Delay(giveUp > TimeSpan.Zero ? giveUp : TimeSpan.Zero));
        var lags = fired.LagsMs.ToArray();
        return new TimerFigures(RuntimeEventClock.Percentile(lags, 50), RuntimeEventClock.Percentile(lags, 99), lags.Length == 0 ? double.NaN : lags.Max(),
            managedMb, workingSetMb, armed, lags.Length, arming.Elapsed);
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
    private sealed class FiredTimers : IJobListener
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _expected = int.MaxValue;

        public ConcurrentBag<double> LagsMs { get; } = [];

        public Task AllFired => _all.Task;

        public void Expect(int armed)
        {
            Volatile.Write(ref _expected, armed);
            if (LagsMs.Count >= armed)
            {
                _all.TrySetResult();
            }
        }

        public string Name => "runtime-benchmark-fired-timers";

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            var due = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
            LagsMs.Add((DateTimeOffset.UtcNow - due).TotalMilliseconds);
            if (LagsMs.Count >= Volatile.Read(ref _expected))
            {
                _all.TrySetResult();
            }

            return ValueTask.CompletedTask;
        }
    }
}

internal sealed record TimerFigures(double LagP50Ms, double LagP99Ms, double MaxLagMs, double ManagedMb, double WorkingSetMb, int Armed, int Fired, TimeSpan Arming);
