using System.Text.Json.Nodes;
using EscalationStudio.Policies.Sandbox;
using EscalationStudio.Policies.Templates;
using EscalationStudio.Workflows.Definitions;

namespace EscalationStudio.Server.ElsaApi.WorkflowDefinitions;

/// <summary>▶ Run on the policy sandbox: each run is kept among the recent runs, for the run page.</summary>
internal sealed class SandboxTestRun(PolicySandbox sandbox, RecentSandboxRuns recent) : IPolicyTestRun
{
    public async Task<SandboxRun> RunAsync(WorkflowDefinition definition, JsonObject? input, CancellationToken cancellationToken)
    {
        var run = await sandbox.RunAsync(definition, SampleTicket.From(input), cancellationToken);
        recent.Add(run);
        return run;
    }
}

public static class ExecuteTestRuns
{
    /// <summary>
    /// Lets the designer's ▶ Run test-run policies in the sandbox. A host without the policy runtime (no templates
    /// library) gets no test runner, and the designer hides the button.
    /// </summary>
    public static IServiceCollection AddPolicyTestRuns(this IServiceCollection services)
    {
        services.AddPolicySandbox();
        services.AddSingleton<IPolicyTestRun>(provider => provider.GetService<TemplateLibrary>() is null
            ? null!
            : new SandboxTestRun(provider.GetRequiredService<PolicySandbox>(), provider.GetRequiredService<RecentSandboxRuns>()));
        return services;
    }
}
