using EscalationStudio.Policies.Timers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;

namespace EscalationStudio.Policies.Tests.Timers;

/// <summary>Quartz's ADO job store on a real SQLite file through Microsoft.Data.Sqlite, as the server can configure it.</summary>
public sealed class QuartzSqliteStoreTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"escalation-timers-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private async Task<(ServiceProvider Services, QuartzTimerBackend Backend, IScheduler Scheduler)> SchedulerAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddQuartz(quartz => quartz.UsePersistentStore(store =>
        {
            store.UseSqlite(SqliteFactory.Instance, $"Data Source={_file}");
            store.ProvisionSchema();
        }));
        var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<ISchedulerFactory>();
        return (provider, new QuartzTimerBackend(factory), await factory.GetScheduler());
    }

    [Fact]
    public async Task AnArmedTimer_IsStillThereAfterTheSchedulerRestarts_AndCancellingRemovesIt()
    {
        var due = new DateTimeOffset(2030, 3, 2, 13, 0, 0, TimeSpan.Zero);
        var (first, backend, scheduler) = await SchedulerAsync();
        await backend.ScheduleAsync("bookmark-1", due);
        await scheduler.Shutdown();
        await first.DisposeAsync();

        var (second, reopened, again) = await SchedulerAsync();
        await using var _ = second;
        var trigger = await again.GetTrigger(new TriggerKey("bookmark-1", QuartzTimerBackend.Group));
        Assert.NotNull(trigger);
        Assert.Equal(due, trigger.NextFireTimeUtc);
        var job = await again.GetJobDetail(new JobKey("bookmark-1", QuartzTimerBackend.Group));
        Assert.Equal(typeof(ResumeBookmarkJob), job!.JobType.Type);

        await reopened.CancelAsync("bookmark-1");
        Assert.False(await again.Exists(new JobKey("bookmark-1", QuartzTimerBackend.Group)));
        await again.Shutdown();
    }
}
