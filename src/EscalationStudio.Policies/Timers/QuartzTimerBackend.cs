using System.Collections.Concurrent;
using System.Globalization;
using EscalationStudio.Workflows.Runtime;
using Quartz;

namespace EscalationStudio.Policies.Timers;

/// <summary>
/// Arms timers per due slot, not per timer: one durable Quartz trigger for each tenth of a second in which some timer
/// bookmark falls due (its due time rounded up, so none fires early), whose <see cref="FireDueTimersJob"/> fires every
/// bookmark due by then. Quartz's store thus costs a write and a firing per busy slot, however many SLA timers share
/// it; the bookmark store, which the runtime writes anyway, holds the timers themselves.
/// </summary>
public sealed class QuartzTimerBackend(ISchedulerFactory schedulers, TimeProvider clock) : ITimerBackend
{
    public const string Group = "escalation-timers";

    private const string KeyPrefix = "due-";
    private const string KeyFormat = "yyyyMMdd'T'HHmmss.fff'Z'";

    /// <summary>
    /// How finely due times are grouped. Rounding up costs each timer up to this much lag; a tenth of a second keeps
    /// that well inside the one-second target while 100,000 timers due within a minute are at most 600 triggers.
    /// </summary>
    public static readonly TimeSpan SlotLength = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// A slot known to be armed is trusted, and not written again, only while it is at least this far ahead. Closer
    /// in, its job may already have listed the due bookmarks (here, or on a cluster node whose clock runs ahead) before
    /// the one being armed was saved; writing its trigger again makes it fire once more.
    /// </summary>
    private static readonly TimeSpan TrustedAhead = TimeSpan.FromSeconds(5);

    // Slots whose trigger this process wrote (or found at start), each with the write in flight or done, so that
    // 100,000 timers armed for the same minute are a few hundred Quartz writes.
    private readonly ConcurrentDictionary<DateTimeOffset, Task> _armed = new();
    private int _pruneAbove = 1024;

    public ValueTask ScheduleAsync(string bookmarkId, DateTimeOffset dueAt, CancellationToken cancellationToken = default) =>
        ArmAsync(DueSlot(dueAt, clock.GetUtcNow()), cancellationToken);

    /// <summary>
    /// Nothing to do: other bookmarks may share the slot, and a slot whose bookmarks are all gone fires harmlessly
    /// (its job finds nothing due), which is cheaper than keeping a count per slot.
    /// </summary>
    public ValueTask CancelAsync(string bookmarkId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public async ValueTask RearmAsync(IReadOnlyList<StoredBookmark> timers, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var kept = (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(Group), cancellationToken))
            .Select(key => SlotOf(key.Name))
            .OfType<DateTimeOffset>()
            .ToHashSet();
        var now = clock.GetUtcNow();
        foreach (var slot in kept.Where(slot => slot > now + TrustedAhead))
        {
            _armed.TryAdd(slot, Task.CompletedTask);
        }

        // Every stored bookmark was saved before this started, so a kept trigger still to fire covers its slot; the
        // overdue ones all land in the next slot, whose job fires them together.
        foreach (var slot in timers.Select(t => t.Bookmark.DueAt).OfType<DateTimeOffset>().Select(due => DueSlot(due, now)).Distinct())
        {
            if (!kept.Contains(slot))
            {
                await ArmAsync(slot, cancellationToken);
            }
        }
    }

    /// <summary>The slot a timer due at <paramref name="dueAt"/> fires in: rounded up, and not before the next one when already due.</summary>
    public static DateTimeOffset DueSlot(DateTimeOffset dueAt, DateTimeOffset now)
    {
        var ticks = Math.Max(dueAt.UtcTicks, now.UtcTicks);
        return new DateTimeOffset((ticks + SlotLength.Ticks - 1) / SlotLength.Ticks * SlotLength.Ticks, TimeSpan.Zero);
    }

    /// <summary>The name of the job and trigger of a due slot.</summary>
    public static string KeyOf(DateTimeOffset slot) => KeyPrefix + slot.UtcDateTime.ToString(KeyFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset? SlotOf(string key) =>
        key.StartsWith(KeyPrefix, StringComparison.Ordinal)
        && DateTimeOffset.TryParseExact(key[KeyPrefix.Length..], KeyFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var slot)
            ? slot
            : null;

    private async ValueTask ArmAsync(DateTimeOffset slot, CancellationToken cancellationToken)
    {
        if (slot <= clock.GetUtcNow() + TrustedAhead)
        {
            await WriteAsync(slot, cancellationToken);
            return;
        }

        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var known = _armed.GetOrAdd(slot, writing.Task);
        if (known != writing.Task)
        {
            await known.WaitAsync(cancellationToken);
            return;
        }

        try
        {
            await WriteAsync(slot, cancellationToken);
            writing.SetResult();
        }
        catch (Exception problem)
        {
            // Forgotten, so the next timer of this slot tries again; those waiting on this write fail with it.
            _armed.TryRemove(KeyValuePair.Create(slot, writing.Task));
            writing.SetException(problem);
            _ = writing.Task.Exception;
            throw;
        }

        ForgetPastSlots();
    }

    private async Task WriteAsync(DateTimeOffset slot, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = KeyOf(slot);
        var job = JobBuilder.Create<FireDueTimersJob>().WithIdentity(key, Group).Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key, Group)
            .StartAt(slot)
            .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        // Replacing: a trigger of this slot may exist already (written before a restart, or by another node); if its
        // job is running, Quartz keeps the replaced trigger, so the slot fires once more for a late bookmark.
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    // Slots behind the clock are never consulted again; dropping them when the set has doubled keeps it small at a
    // cost spread over the writes.
    private void ForgetPastSlots()
    {
        if (_armed.Count <= Volatile.Read(ref _pruneAbove))
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var slot in _armed.Keys.Where(slot => slot < now))
        {
            _armed.TryRemove(slot, out _);
        }

        Volatile.Write(ref _pruneAbove, Math.Max(1024, _armed.Count * 2));
    }
}
