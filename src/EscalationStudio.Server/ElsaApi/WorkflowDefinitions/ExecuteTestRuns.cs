using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Sandbox;
using EscalationStudio.Policies.Templates;
using EscalationStudio.Workflows.Definitions;

namespace EscalationStudio.Server.ElsaApi.WorkflowDefinitions;

/// <summary>
/// ▶ Run on the policy sandbox: each run is kept among the recent runs, open for injected events, for the run page.
/// With <c>ticketId</c> in the input the run works on a copy of that real ticket, read once from the live desk.
/// </summary>
internal sealed class SandboxTestRun(PolicySandbox sandbox, RecentSandboxRuns recent, IServiceScopeFactory scopes) : IPolicyTestRun
{
    public async Task<SandboxRun> RunAsync(WorkflowDefinition definition, JsonObject? input, CancellationToken cancellationToken)
    {
        var copy = await RealTicketAsync(input, cancellationToken);
        var session = await sandbox.StartAsync(definition, SampleTicket.From(input), copy, cancellationToken);
        recent.Add(session);
        return session.Run;
    }

    private async Task<TicketCopy?> RealTicketAsync(JsonObject? input, CancellationToken cancellationToken)
    {
        if (input?["ticketId"] is not { } field)
        {
            return null;
        }

        if (field is not JsonValue value || value.GetValueKind() != JsonValueKind.String || !Guid.TryParse(value.GetValue<string>(), out var ticketId))
        {
            throw new SampleTicketException("ticketId", "must be a ticket id (a GUID)");
        }

        await using var scope = scopes.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<ITicketDesk>();
        var ticket = await desk.FindAsync(ticketId, cancellationToken)
            ?? throw new SampleTicketException("ticketId", $"there is no ticket {ticketId}");
        return new TicketCopy(ticket, await desk.GetTimelineAsync(ticketId, cancellationToken));
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
            : new SandboxTestRun(provider.GetRequiredService<PolicySandbox>(), provider.GetRequiredService<RecentSandboxRuns>(), provider.GetRequiredService<IServiceScopeFactory>()));
        return services;
    }
}
