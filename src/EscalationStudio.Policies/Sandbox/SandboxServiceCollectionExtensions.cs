using EscalationStudio.Domain.Org;
using EscalationStudio.Policies.Routing;
using EscalationStudio.Policies.Templates;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace EscalationStudio.Policies.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="PolicySandbox"/> (test runs against a sample ticket, isolated from the live runtime) and the
    /// in-memory list of recent runs. Needs what <c>AddEscalationPolicies</c> needs: an org directory, the templates, a clock.
    /// </summary>
    public static IServiceCollection AddPolicySandbox(this IServiceCollection services)
    {
        services.TryAddSingleton<RecentSandboxRuns>();
        services.TryAddSingleton(provider => new PolicySandbox(
            provider.GetRequiredService<IOrgDirectorySource>(),
            provider.GetRequiredService<TemplateLibrary>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetService<IAgentWorkload>(),
            provider.GetService<WorkflowEngine>()?.ScriptLimits));
        return services;
    }
}
