using EscalationStudio.Workflows.Definitions.Store;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Server.Studio.Policies;

/// <summary>
/// Hands every change of the published set to the workflow runtime, which re-indexes the policy's triggers. It runs
/// synchronously inside the publish, so a policy is live when the designer hears "published".
/// </summary>
internal sealed partial class LivePolicyRuntime(PublishedDefinitions published, IServiceProvider services, ILogger<LivePolicyRuntime> logger)
{
    public void Attach()
    {
        if (services.GetService<WorkflowRuntime>() is not { } runtime)
        {
            LogNoRuntime();
            return;
        }
        published.Changed += (_, change) => Apply(runtime, change);
    }

    private void Apply(WorkflowRuntime runtime, PublishedDefinitionsChanged change)
    {
        foreach (var definitionId in change.Published)
        {
            if (published.Find(definitionId) is not { } definition) continue;
            try
            {
                // The runtime keeps (and flags) what it is given; it gets a copy of its own.
                runtime.PublishAsync(definition.Clone()).AsTask().GetAwaiter().GetResult();
            }
            catch (WorkflowValidationException e)
            {
                LogRefused(e, definitionId);
            }
        }
        foreach (var definitionId in change.Removed)
            runtime.RetractAsync(definitionId).AsTask().GetAwaiter().GetResult();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No workflow runtime is registered: published policies are stored but do not run")]
    private partial void LogNoRuntime();

    [LoggerMessage(Level = LogLevel.Error, Message = "The runtime refused published policy {DefinitionId}")]
    private partial void LogRefused(Exception exception, string definitionId);
}
