using EscalationStudio.Persistence;
using EscalationStudio.Persistence.Workflows;
using EscalationStudio.Policies;
using EscalationStudio.Policies.Routing;
using EscalationStudio.Server.Hosting;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.Options;
using Quartz;

namespace EscalationStudio.Server.Runtime;

internal static class PolicyRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// What runs the published policies against live tickets: the workflow engine with the escalation activities,
    /// its instances, bookmarks and triggers in the Escalation database, and the policies' event dispatcher,
    /// briefings, owner routing and Quartz timers in Quartz's persistent store (see <see cref="TimerStore"/>).
    /// </summary>
    /// <param name="configuration">
    /// Read now for <c>Escalation:Provider</c> only: the timer store's kind (SQLite file, or PostgreSQL with
    /// clustering) is part of Quartz's registration, while its connection is resolved when the scheduler starts.
    /// </param>
    public static IServiceCollection AddPolicyRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        // An unknown value is left to EscalationOptionsValidator, which names the setting at start.
        var provider = Enum.TryParse<DatabaseProvider>(configuration[$"{EscalationOptions.Section}:{nameof(EscalationOptions.Provider)}"], ignoreCase: true, out var configured)
            ? configured
            : DatabaseProvider.Sqlite;
        services.AddWorkflowEngine(engine => engine.AddEscalationActivities());
        services.AddWorkflowPersistence();
        services.AddEscalationPolicies(
            serviceProvider => serviceProvider.GetRequiredService<EscalationPaths>().TemplatesPath,
            configureQuartz: quartz => quartz.UseTimerStore(provider));
        services.AddSingleton<IAgentWorkload, AgentWorkload>();
        services.AddOptions<QuartzOptions>().Configure<IOptions<EscalationDatabaseOptions>>((quartz, database) =>
            quartz.Properties["quartz.scheduler.instanceName"] = TimerStore.SchedulerName(database.Value));

        // Many SLA timers fall due together. With Quartz's defaults (one trigger per acquisition, 10 threads) the ADO
        // store fired ~57 timers/s here, three store transactions each, and 100,000 armed timers fell minutes behind.
        // Acquiring up to 50 due within 200 ms per transaction, run by 50 threads, fired 20,000 due over a minute with
        // lag p99 33 ms (tests/EscalationStudio.Benchmarks -- runtime-timers). A timer may fire up to 200 ms early.
        services.Configure<QuartzOptions>(quartz =>
        {
            quartz.Properties["quartz.threadPool.maxConcurrency"] = "50";
            quartz.Properties["quartz.scheduler.batchTriggerAcquisitionMaxCount"] = "50";
            quartz.Properties["quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow"] = "200";
        });
        return services;
    }
}
