using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Activities.Escalate;
using EscalationStudio.Policies.Backlog;
using EscalationStudio.Policies.Briefings;
using EscalationStudio.Policies.Designer;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Health;
using EscalationStudio.Policies.Naming;
using EscalationStudio.Policies.Routing;
using EscalationStudio.Policies.Settings;
using EscalationStudio.Policies.Sla;
using EscalationStudio.Policies.Templates;
using EscalationStudio.Policies.Timers;
using EscalationStudio.Workflows.Definitions.Store;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace EscalationStudio.Policies;

public static class EscalationPoliciesServiceCollectionExtensions
{
    /// <summary>Adds every escalation activity (category "Escalation") to the engine's registry.</summary>
    public static WorkflowEngineBuilder AddEscalationActivities(this WorkflowEngineBuilder builder) =>
        builder.AddActivitiesFrom(typeof(EscalateToTier).Assembly);

    /// <summary>
    /// Registers what runs policies against tickets: the event queue (an <see cref="ITicketEventObserver"/>), the
    /// dispatcher and its background service, briefing rendering over <paramref name="templatesPath"/>, owner picking,
    /// the timer service, and the sweep that starts a newly published SLA policy on the tickets already open. Needs
    /// <c>AddWorkflowEngine(b =&gt; b.AddEscalationActivities())</c>, an <see cref="ITicketDesk"/> (scoped is fine) and an
    /// <c>IOrgDirectorySource</c>.
    /// </summary>
    /// <param name="useQuartz">False in tests that fire timers through <see cref="DueTimers"/> with a fake clock.</param>
    public static IServiceCollection AddEscalationPolicies(this IServiceCollection services, string templatesPath, bool useQuartz = true) =>
        services.AddEscalationPolicies(_ => templatesPath, useQuartz);

    /// <summary>The same, with the templates folder read from the host's services when the library is first needed.</summary>
    /// <param name="configureQuartz">
    /// Where Quartz keeps its timers, e.g. its ADO store on the server's database:
    /// <c>q =&gt; q.UsePersistentStore(s =&gt; { s.UseSqlite(SqliteFactory.Instance, connectionString); s.ProvisionSchema(); })</c>
    /// (PostgreSQL: <c>s.UsePostgres(NpgsqlFactory.Instance, cs)</c>, plus <c>s.UseClustering()</c> for several nodes).
    /// Without it Quartz keeps timers in memory and <see cref="TimerRecovery"/> re-arms them from the stored bookmarks at start.
    /// </param>
    public static IServiceCollection AddEscalationPolicies(this IServiceCollection services, Func<IServiceProvider, string> templatesPath, bool useQuartz = true,
        Action<IQuartzBuilder>? configureQuartz = null)
    {
        services.TryAddSingleton(new BriefingOptions());
        services.TryAddSingleton(provider => new TemplateLibrary(templatesPath(provider)));
        services.TryAddSingleton(provider => new TemplateRenderer(provider.GetRequiredService<TemplateLibrary>()));
        services.TryAddSingleton<BriefingComposer>();
        services.TryAddSingleton<PolicyNames>();
        services.TryAddSingleton<SlaHistoryCache>();
        services.TryAddSingleton<RecentTags>();
        services.AddSingleton<ITicketEventObserver>(provider => provider.GetRequiredService<RecentTags>());
        services.AddSingleton<IPublishValidator, EscalationPolicyValidator>();
        services.TryAddSingleton<IAgentWorkload, AgentWorkload>();
        services.TryAddSingleton(provider => new OwnerPicker(provider.GetService<IAgentWorkload>(), provider.GetService<ITierPickLock>()));
        services.TryAddSingleton<IPolicyInstanceIndex, InMemoryPolicyInstanceIndex>();
        // The host binds these options from its configuration (sections named on each class); they are validated here, at start.
        services.AddOptions<PolicyDispatchOptions>().ValidateOnStart<PolicyDispatchOptions, PolicyDispatchOptionsValidator>();
        services.TryAddSingleton<PolicyEventQueue>();
        services.AddSingleton<ITicketEventObserver>(provider => provider.GetRequiredService<PolicyEventQueue>());
        services.TryAddSingleton<PolicyDispatcher>();

        // A policy whose runs keep faulting is suspended: the runtime asks it before every start and resume.
        services.AddOptions<PolicyHealthOptions>().ValidateOnStart<PolicyHealthOptions, PolicyHealthOptionsValidator>();
        services.TryAddSingleton<PolicyHealth>();
        services.TryAddSingleton<IWorkflowRunGuard>(provider => provider.GetRequiredService<PolicyHealth>());
        services.AddSingleton<IWorkflowPublishObserver>(provider => provider.GetRequiredService<PolicyHealth>());
        services.AddHostedService<PolicyDispatchService>();

        // A new SLA policy also covers the tickets already open; the sweep runs in a hosted service, so a host without
        // hosted services (a test run's sandbox) never sweeps.
        services.AddOptions<BacklogCoverageOptions>().ValidateOnStart<BacklogCoverageOptions, BacklogCoverageOptionsValidator>();
        services.TryAddSingleton<BacklogCoverageQueue>();
        services.AddSingleton<IWorkflowPublishObserver>(provider => provider.GetRequiredService<BacklogCoverageQueue>());
        services.TryAddSingleton<BacklogCoverage>();
        services.AddHostedService<BacklogCoverageService>();
        services.TryAddSingleton<DueTimers>();
        services.TryAddSingleton<IBookmarkScheduler, PolicyTimers>();
        if (useQuartz)
        {
            services.TryAddSingleton<ITimerBackend, QuartzTimerBackend>();
            services.AddQuartz(quartz => configureQuartz?.Invoke(quartz));
            services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
            services.AddHostedService<TimerRecovery>();
        }
        else
        {
            services.TryAddSingleton<ITimerBackend, ManualTimerBackend>();
        }

        return services;
    }
}
