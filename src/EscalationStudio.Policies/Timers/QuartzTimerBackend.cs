using System.Collections.Concurrent;
using System.Globalization;
using EscalationStudio.Workflows.Runtime;
using Quartz;

namespace EscalationStudio.Policies.Timers;

/// <summary>
/// Arms timers per due second, not per timer: one durable Quartz trigger for each second in which some timer bookmark
/// falls due (its due time rounded up, so none fires early), whose <see cref="FireDueTimersJob"/> fires every bookmark
/// due by then. Quartz's store thus costs a write and a firing per busy second, however many SLA timers share it; the
/// bookmark store, which the runtime writes anyway, holds the timers themselves.
/// </summary>
public sealed class QuartzTimerBackend(ISchedulerFactory schedulers, TimeProvider clock) : ITimerBackend
{
    public const string Group = "escalation-timers";

    private const string KeyPrefix = "due-";
    private const string KeyFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>
    /// A second known to be armed is trusted, and not written again, only while it is at least this far ahead. Closer
    /// in, its job may already have listed the due bookmarks (here, or on a cluster node whose clock runs ahead) before
    /// the one being armed was saved; writing its trigger again makes it fire once more.
    /// </summary>
    private static readonly TimeSpan TrustedAhead = TimeSpan.FromSeconds(5);

    // Seconds whose trigger this process wrote (or found at start), each with the write in flight or done, so that
    // 100,000 timers armed for the same minute are a handful of Quartz writes.
    private readonly ConcurrentDictionary<DateTimeOffset, Task> _armed = new();
    private int _pruneAbove = 1024;

    public ValueTask ScheduleAsync(string bookmarkId, DateTimeOffset dueAt, CancellationToken cancellationToken = default) =>
        ArmAsync(DueSecond(dueAt, clock.GetUtcNow()), cancellationToken);

    /// <summary>
    /// Nothing to do: other bookmarks may share the second, and a second whose bookmarks are all gone fires harmlessly
    /// (its job finds nothing due), which is cheaper than keeping a count per second.
    /// </summary>
    public ValueTask CancelAsync(string bookmarkId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public async ValueTask RearmAsync(IReadOnlyList<StoredBookmark> timers, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var kept = (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(Group), cancellationToken))
            .Select(key => SecondOf(key.Name))
            .OfType<DateTimeOffset>()
            .ToHashSet();
        var now = clock.GetUtcNow();
        foreach (var second in kept.Where(second => second > now + TrustedAhead))
        {
            _armed.TryAdd(second, Task.CompletedTask);
        }

        // Every stored bookmark was saved before this started, so a kept trigger still to fire covers its second; the
        // overdue ones all land in the next second, whose job fires them together.
        foreach (var second in timers.Select(t => t.Bookmark.DueAt).OfType<DateTimeOffset>().Select(due => DueSecond(due, now)).Distinct())
        {
            if (!kept.Contains(second))
            {
                await ArmAsync(second, cancellationToken);
            }
        }
    }

    /// <summary>The second a timer due at <paramref name="dueAt"/> fires in: rounded up, and not before the next one when already due.</summary>
    public static DateTimeOffset DueSecond(DateTimeOffset dueAt, DateTimeOffset now)
    {
        var ticks = Math.Max(dueAt.UtcTicks, now.UtcTicks);
        return new DateTimeOffset((ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    /// <summary>The name of the job and trigger of a due second.</summary>
    public static string KeyOf(DateTimeOffset second) => KeyPrefix + second.UtcDateTime.ToString(KeyFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset? SecondOf(string key) =>
        key.StartsWith(KeyPrefix, StringComparison.Ordinal)
        && DateTimeOffset.TryParseExact(key[KeyPrefix.Length..], KeyFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var second)
            ? second
            : null;

    private async ValueTask ArmAsync(DateTimeOffset second, CancellationToken cancellationToken)
    {
        if (second <= clock.GetUtcNow() + TrustedAhead)
        {
            await WriteAsync(second, cancellationToken);
            return;
        }

        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var known = _armed.GetOrAdd(second, writing.Task);
        if (known != writing.Task)
        {
            await known.WaitAsync(cancellationToken);
            return;
        }

        try
        {
            await WriteAsync(second, cancellationToken);
            writing.SetResult();
        }
        catch (Exception problem)
        {
            // Forgotten, so the next timer of this second tries again; those waiting on this write fail with it.
            _armed.TryRemove(KeyValuePair.Create(second, writing.Task));
            writing.SetException(problem);
            _ = writing.Task.Exception;
            throw;
        }

        ForgetPastSeconds();
    }

    private async Task WriteAsync(DateTimeOffset second, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = KeyOf(second);
        var job = JobBuilder.Create<FireDueTimersJob>().WithIdentity(key, Group).Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key, Group)
            .StartAt(second)
            .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        // Replacing: a trigger of this second may exist already (written before a restart, or by another node); if its
        // job is running, Quartz keeps the replaced trigger, so the second fires once more for a late bookmark.
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    // Seconds behind the clock are never consulted again; dropping them when the set has doubled keeps it small at a
    // cost spread over the writes.
    private void ForgetPastSeconds()
    {
        if (_armed.Count <= Volatile.Read(ref _pruneAbove))
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var second in _armed.Keys.Where(second => second < now))
        {
            _armed.TryRemove(second, out _);
        }

        Volatile.Write(ref _pruneAbove, Math.Max(1024, _armed.Count * 2));
    }
}
