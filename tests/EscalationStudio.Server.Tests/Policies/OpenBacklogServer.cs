using System.Net;
using System.Text.Json.Nodes;
using EscalationStudio.Policies.Backlog;
using EscalationStudio.Server.Tests.Org;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Policies;

/// <summary>
/// A test server whose policies a test publishes through the designer's API (or puts in workflows/ before it starts),
/// optionally on a data folder that outlives it, so a second server can start where the first stopped.
/// </summary>
public sealed class OpenBacklogServer : SamplePolicyServer
{
    private static readonly TimeSpan SweepLimit = TimeSpan.FromSeconds(30);

    public OpenBacklogServer(string? dataPath = null, params string[] policyFiles)
        : base(policyFiles)
    {
        if (dataPath is not null)
        {
            Settings["Escalation:DataPath"] = dataPath;
        }
    }

    /// <summary>Publishes a sample policy of workflows/escalation/ as a manager pressing Publish in the designer.</summary>
    /// <param name="description">A changed description makes a republish a new version.</param>
    public async Task PublishAsync(string policyFile, string? description = null)
    {
        var model = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryFolder.Path, "workflows", "escalation", policyFile)))!.AsObject();
        if (description is not null)
        {
            model["description"] = description;
        }

        using var manager = ClientWithKey(ManagerKey);
        var (response, body) = await Studio.ElsaApi.Save(manager, model, publish: true);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body?.ToJsonString());
    }

    /// <summary>Waits (in real time) until every queued sweep of the open backlog is done, then lets what it started settle.</summary>
    public async Task SweptAsync()
    {
        await Services.GetRequiredService<BacklogCoverageQueue>().WhenIdleAsync().WaitAsync(SweepLimit);
        await SettleAsync();
    }

    public async Task<int> RunsAsync(string policy, string ticketId) =>
        (await Services.GetRequiredService<IWorkflowInstanceStore>().ListAsync(new WorkflowInstanceQuery { DefinitionId = policy, CorrelationId = ticketId })).Count;

    /// <summary>The summary line the sweep of <paramref name="policy"/> logged, if it did.</summary>
    public IReadOnlyList<string> SweepSummaries(string policy)
    {
        lock (Logs)
        {
            return [.. Logs.Where(line => line.Contains($"Open backlog, policy {policy}: ", StringComparison.Ordinal) && line.Contains("newly covered,", StringComparison.Ordinal))];
        }
    }
}
