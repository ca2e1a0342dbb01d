using EscalationStudio.Policies.Tests.Runtime;
using EscalationStudio.Policies.Timers;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace EscalationStudio.Policies.Tests.Timers;

/// <summary>Quartz's ADO job store on a real SQLite file through Microsoft.Data.Sqlite, as the server configures it, across a restart.</summary>
public sealed class QuartzSqliteStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = Brightline.MondayNineBerlin;
    private static readonly DateTimeOffset Due = Start.AddSeconds(30).AddMilliseconds(250);

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"escalation-timers-{Guid.NewGuid():N}.db");
    private readonly string _schedulerName = $"escalation-test-{Guid.NewGuid():N}";

    // The bookmarks outlive the harnesses, as the EF bookmark store does a restart.
    private readonly InMemoryBookmarkStore _bookmarks = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public async Task Timers_due_in_one_slot_are_one_stored_trigger_that_fires_each_of_them_once_after_a_restart()
    {
        await using (var before = Harness(Start, recoverTimers: true))
        await using (var running = await RunningTimers.StartAsync(before.Services))
        {
            var scheduler = before.Services.GetRequiredService<IBookmarkScheduler>();
            for (var i = 0; i < 5; i++)
            {
                // Instances that are gone by the time the timer fires: the runtime deletes their rows.
                var timer = new StoredBookmark(Timer($"timer-{i}"), $"instance-{i}", "v1", null);
                await _bookmarks.ReplaceAsync(timer.WorkflowInstanceId, [timer]);
                await scheduler.ScheduleAsync(timer);
            }

            var slot = QuartzTimerBackend.DueSlot(Due, Start);
            Assert.Equal([QuartzTimerBackend.KeyOf(slot)], await running.TriggerNamesAsync());
            var quartz = await before.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var trigger = await quartz.GetTrigger(new TriggerKey(QuartzTimerBackend.KeyOf(slot), QuartzTimerBackend.Group));
            Assert.Equal(Start.AddMilliseconds(30_300), trigger!.NextFireTimeUtc);
        }

        // Down past the due time; no timer recovery, so only the trigger the store kept can fire them.
        await using var after = Harness(Start.AddMinutes(2), recoverTimers: false);
        await using var fired = await RunningTimers.StartAsync(after.Services);
        await RunningTimers.WaitUntilAsync(async () => (await _bookmarks.ListDueAsync(DateTimeOffset.MaxValue)).Count == 0, "the kept trigger fired the timers");
        await RunningTimers.WaitUntilAsync(async () => (await fired.TriggerNamesAsync()).Count == 0, "the fired trigger went");

        Assert.Equal(Enumerable.Repeat((Start.AddMinutes(2) - Due).TotalMilliseconds, 5), fired.LagsMs);
    }

    private PolicyHarness Harness(DateTimeOffset at, bool recoverTimers) =>
        new(Brightline.Org, at, useQuartz: true, configure: services =>
        {
            services.AddSingleton<IHostApplicationLifetime, RunningTimers.StartedLifetime>();
            services.AddSingleton<TimerLag>();
            services.AddSingleton<IBookmarkStore>(_bookmarks);
            // Quartz keeps schedulers in a process-wide registry by name: one of its own, the same across the restart.
            services.Configure<QuartzOptions>(quartz => quartz.Properties["quartz.scheduler.instanceName"] = _schedulerName);
            services.AddQuartz(quartz =>
                quartz.UsePersistentStore(store =>
                {
                    store.UseSqlite(SqliteFactory.Instance, $"Data Source={_file}");
                    store.ProvisionSchema();
                }));
            if (!recoverTimers)
            {
                services.Remove(services.Single(s => s.ImplementationType == typeof(TimerRecovery)));
            }
        });

    private static Bookmark Timer(string id) => new()
    {
        Id = id,
        Name = "Escalation.SlaTimer",
        Hash = id,
        ActivityId = "FirstResponse",
        ActivityNodeId = "flowchart:FirstResponse",
        ActivityInstanceId = id,
        CreatedAt = Start,
        DueAt = Due,
    };
}
