using EscalationStudio.Persistence;
using EscalationStudio.Persistence.Workflows;
using EscalationStudio.Policies;
using EscalationStudio.Policies.Backlog;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Health;
using EscalationStudio.Policies.Routing;
using EscalationStudio.Policies.Timers;
using EscalationStudio.Server.Hosting;
using EscalationStudio.Workflows.Expressions.JavaScript;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.Options;
using Quartz;

namespace EscalationStudio.Server.Runtime;

internal static class PolicyRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Off unless set: a C# script can call any .NET API the server can, so C# is for servers where everyone who may
    /// publish (managers, admins) is trusted with the server itself. JavaScript and Liquid are sandboxed and always on.
    /// </summary>
    public const string AllowCSharpSetting = "Escalation:Scripts:AllowCSharp";

    /// <summary>
    /// What runs the published policies against live tickets: the workflow engine with the escalation activities,
    /// its instances, bookmarks and triggers in the Escalation database, and the policies' event dispatcher,
    /// briefings, owner routing and Quartz timers in Quartz's persistent store (see <see cref="TimerStore"/>).
    /// </summary>
    /// <param name="configuration">
    /// Read now for <c>Escalation:Provider</c> and <see cref="AllowCSharpSetting"/>: the timer store's kind (SQLite file, or PostgreSQL with
    /// clustering) is part of Quartz's registration, while its connection is resolved when the scheduler starts.
    /// </param>
    public static IServiceCollection AddPolicyRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        // An unknown value is left to EscalationOptionsValidator, which names the setting at start.
        var provider = Enum.TryParse<DatabaseProvider>(configuration[$"{EscalationOptions.Section}:{nameof(EscalationOptions.Provider)}"], ignoreCase: true, out var configured)
            ? configured
            : DatabaseProvider.Sqlite;
        services.AddWorkflowEngine(engine =>
        {
            engine.ScriptLimits = new ScriptLimits { AllowCSharp = configuration.GetValue<bool>(AllowCSharpSetting) };
            engine.AddEscalationActivities();
        });
        services.AddWorkflowPersistence();
        services.AddEscalationPolicies(
            serviceProvider => serviceProvider.GetRequiredService<EscalationPaths>().TemplatesPath,
            configureQuartz: quartz => quartz.UseTimerStore(provider));
        services.AddOptions<PolicyDispatchOptions>().BindConfiguration(PolicyDispatchOptions.Section);
        services.AddOptions<BacklogCoverageOptions>().BindConfiguration(BacklogCoverageOptions.Section);
        services.AddSingleton<ITierPickLock, DatabaseTierPickLock>();
        services.AddOptions<PolicyHealthOptions>().BindConfiguration(PolicyHealthOptions.Section);
        // The server's timers report their fire lag (meter EscalationStudio.Policies); test runs' sandboxes register none,
        // so their replayed timers do not add made-up lags to what operators see.
        services.AddSingleton<TimerLag>();
        services.AddOptions<QuartzOptions>().Configure<IOptions<EscalationDatabaseOptions>>((quartz, database) =>
            quartz.Properties["quartz.scheduler.instanceName"] = TimerStore.SchedulerName(database.Value));

        // Quartz's defaults suffice: it holds one trigger per due tenth of a second (QuartzTimerBackend), not one per
        // timer, so 100,000 SLA timers due within a minute are at most 600 firings. No batch fire-ahead window: it would
        // start a slot's job early, and a timer must never fire before it is due.
        return services;
    }
}
