using EscalationStudio.Persistence.Workflows;
using EscalationStudio.Policies;
using EscalationStudio.Policies.Routing;
using EscalationStudio.Server.Hosting;
using EscalationStudio.Workflows.Runtime;
using Quartz;

namespace EscalationStudio.Server.Runtime;

internal static class PolicyRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// What runs the published policies against live tickets: the workflow engine with the escalation activities,
    /// its instances, bookmarks and triggers in the Escalation database, and the policies' event dispatcher,
    /// briefings, owner routing and Quartz timers.
    /// </summary>
    public static IServiceCollection AddPolicyRuntime(this IServiceCollection services)
    {
        services.AddWorkflowEngine(engine => engine.AddEscalationActivities());
        services.AddWorkflowPersistence();
        services.AddEscalationPolicies(provider => provider.GetRequiredService<EscalationPaths>().TemplatesPath);
        services.AddSingleton<IAgentWorkload, AgentWorkload>();

        // Quartz keeps its schedulers in a process-wide registry by name; a name per host lets several hosts share
        // one process, as the API tests do.
        services.Configure<QuartzOptions>(quartz => quartz.Properties["quartz.scheduler.instanceName"] = $"escalation-{Guid.NewGuid():N}");
        return services;
    }
}
