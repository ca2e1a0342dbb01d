using System.Net;
using System.Text.Json.Nodes;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Health;
using EscalationStudio.Server.Tests.Org;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Runtime;

/// <summary>
/// A server whose published policy keeps a cyclic value on every new ticket (before the sandbox was bounded, the first
/// ticket ended the process), with policies suspended after two faulted runs in a row.
/// </summary>
public sealed class FaultingPolicyServer : EscalationServer
{
    public const string PolicyId = "faulting-score";

    public FaultingPolicyServer()
    {
        Settings["Escalation:PolicyHealth:FaultedRunsToSuspend"] = "2";
        var file = Path.Combine(Root, "workflows", "escalation", PolicyId + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, WorkflowDefinitionJson.Write(WorkflowDefinitionJson.FromJson(new JsonObject
        {
            ["id"] = PolicyId + "-v1",
            ["definitionId"] = PolicyId,
            ["name"] = "Faulting score",
            ["version"] = 1,
            ["isLatest"] = true,
            ["isPublished"] = true,
            ["root"] = new JsonObject
            {
                ["type"] = "Elsa.Flowchart",
                ["version"] = 1,
                ["id"] = "flowchart",
                ["activities"] = new JsonArray(
                    Activity("Created", "Escalation.TicketCreated", trigger: true),
                    Activity("Score", "Elsa.RunJavaScript", script: "var a = { ticket: getInput('ticketId') }; a.self = a; return a;")),
                ["connections"] = new JsonArray(new JsonObject
                {
                    ["source"] = new JsonObject { ["activity"] = "Created", ["port"] = "Done" },
                    ["target"] = new JsonObject { ["activity"] = "Score", ["port"] = "In" },
                }),
            },
        })));
    }

    private static JsonObject Activity(string id, string type, bool trigger = false, string? script = null)
    {
        var activity = new JsonObject
        {
            ["id"] = id,
            ["type"] = type,
            ["version"] = 1,
            ["customProperties"] = new JsonObject { ["canStartWorkflow"] = trigger },
        };
        if (script is not null)
        {
            activity["script"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = script } };
        }

        return activity;
    }
}

public sealed class PolicySuspensionTests(FaultingPolicyServer server) : IClassFixture<FaultingPolicyServer>
{
    private async Task<JsonObject> NewTicketAsync(HttpClient admin, string subject)
    {
        var ticket = await admin.CreateTicketAsync(subject: subject, email: $"{Guid.NewGuid():N}@example.com");
        await server.Services.GetRequiredService<PolicyEventQueue>().WhenIdleAsync();
        return ticket;
    }

    private async Task<IReadOnlyList<WorkflowInstanceSummary>> RunsAsync() =>
        await server.Services.GetRequiredService<IWorkflowInstanceStore>()
            .ListAsync(new WorkflowInstanceQuery { DefinitionId = FaultingPolicyServer.PolicyId, Take = 100 });

    [Fact]
    public async Task A_policy_faulting_on_every_ticket_is_suspended_shown_to_managers_and_runs_again_when_resumed()
    {
        var admin = server.Admin();
        using var manager = server.ClientWithKey(EscalationServer.ManagerKey);

        await NewTicketAsync(admin, "Invoice export stuck");
        var first = Assert.Single(await RunsAsync());
        Assert.Equal(WorkflowSubStatus.Faulted, first.SubStatus);
        var incident = Assert.Single(await server.Services.GetRequiredService<IIncidentStore>().ListAsync(first.Id));
        Assert.Equal("Score", incident.ActivityId);
        Assert.Contains("The result of the JavaScript in activity 'Score' cannot be kept: it refers back to itself", incident.Message, StringComparison.Ordinal);
        var healthy = await (await admin.GetAsync("/health")).ReadObjectAsync();
        Assert.Equal("Healthy", (string?)healthy["status"]);

        await NewTicketAsync(admin, "Login page blank");

        // Suspended: a manager sees it on /health, in the incidents, the log and the policy list.
        var suspension = Assert.Single(server.Services.GetRequiredService<PolicyHealth>().Suspended);
        var health = await (await admin.GetAsync("/health")).ReadObjectAsync();
        Assert.Equal("Degraded", (string?)health["status"]);
        Assert.Contains(health["problems"]!.AsArray(), p => ((string?)p)!.StartsWith("Policy 'faulting-score' is suspended", StringComparison.Ordinal));
        Assert.Contains(await server.Services.GetRequiredService<IIncidentStore>().ListAsync(suspension.LastInstanceId),
            i => i.ActivityType == PolicyHealth.IncidentType && i.Message.Contains("after 2 faulted runs in a row", StringComparison.Ordinal));
        Assert.Contains(server.Logs.ToList(), line => line.Contains("Policy faulting-score is suspended after 2 faulted runs", StringComparison.Ordinal));
        var list = await manager.GetStringAsync("/studio/");
        Assert.Contains("status suspended", list, StringComparison.Ordinal);

        // It starts nothing more, and the server keeps serving tickets.
        var third = await NewTicketAsync(admin, "Password reset mail missing");
        Assert.Equal(2, (await RunsAsync()).Count);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/tickets/{third.Id()}")).StatusCode);

        // A manager resumes it as it is: it runs (and faults) again.
        using var resumed = await manager.PostAsync("/elsa/api/workflow-definitions/faulting-score/resume", null);
        using var again = await manager.PostAsync("/elsa/api/workflow-definitions/faulting-score/resume", null);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("Healthy", (string?)(await (await admin.GetAsync("/health")).ReadObjectAsync())["status"]);
        await NewTicketAsync(admin, "Export fails again");
        Assert.Equal(3, (await RunsAsync()).Count);
    }
}
