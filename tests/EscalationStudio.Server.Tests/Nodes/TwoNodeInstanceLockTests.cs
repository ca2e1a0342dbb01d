using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Server.Tests.Persistence;
using Xunit.Abstractions;

namespace EscalationStudio.Server.Tests.Nodes;

/// <summary>
/// Two real server processes on one PostgreSQL database hearing events for the same waiting policy instance at the same
/// moment: each node dispatches the event it committed, both find the instance's bookmark, and the instance lock (a
/// database lock) lets one resume it while the other, reading the instance again under the lock, finds it moved on.
/// </summary>
public sealed class TwoNodeInstanceLockTests(ITestOutputHelper output)
{
    private const int Tickets = 12;

    [PostgresFact]
    public async Task A_waiting_instance_woken_on_two_nodes_at_once_runs_its_next_step_once()
    {
        await using var nodes = new TwoNodes();
        await nodes.StartAsync(samplePolicies: false);
        using var a = nodes.A.Client();
        using var b = nodes.B.Client();
        using (var published = await a.PostAsJsonAsync("elsa/api/workflow-definitions", new JsonObject { ["model"] = Policy(), ["publish"] = true }))
        {
            published.EnsureSuccessStatusCode();
        }

        // B follows the database within a poll; its dispatcher then knows the policy's bookmarks are its own to resume.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var tickets = await Task.WhenAll(Enumerable.Range(0, Tickets).Select(i => TwoNodes.CreateTicketAsync(a, $"Waiting ticket {i}")));
        Assert.True(await TwoNodes.EventuallyAsync(async () =>
            (await nodes.QueryAsync("SELECT count(*) FROM workflow_bookmarks", row => row.GetInt64(0)))[0] >= Tickets), "every instance waits for the customer");

        // The customer answers twice at once, once through each node: both events reach the same bookmark.
        var replied = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(tickets.SelectMany(ticket => new[] { a, b }.Select(async node =>
        {
            using var reply = await node.PostAsJsonAsync($"api/tickets/{ticket}/messages", new { kind = "customer", body = "Any news?" });
            reply.EnsureSuccessStatusCode();
        })));

        // Settled: no instance waits any more.
        Assert.True(await TwoNodes.EventuallyAsync(async () =>
            (await nodes.QueryAsync("SELECT count(*) FROM workflow_bookmarks", row => row.GetInt64(0)))[0] == 0));
        output.WriteLine($"replies sent and every instance finished in {replied.Elapsed.TotalSeconds:N1} s");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var runs = new List<int>();
        foreach (var ticket in tickets)
        {
            var timeline = await TwoNodes.TimelineAsync(a, ticket);
            runs.Add(timeline.OfType<JsonObject>().Count(e => (string?)e["data"]?["kind"] == "briefing-sent"));
            Assert.Equal(2, timeline.OfType<JsonObject>().Count(e => (string?)e["type"] == "message-added" && (string?)e["data"]?["messageKind"] == "customer"));
        }

        output.WriteLine($"{Tickets} tickets, two replies each on two nodes at once; briefings sent per ticket: {string.Join(' ', runs)}");
        Assert.All(runs, count => Assert.Equal(1, count));
    }

    /// <summary>Ticket created → wait for the customer's reply → send a briefing (a timeline entry per run).</summary>
    private static JsonObject Policy() => new()
    {
        ["definitionId"] = "resume-once",
        ["name"] = "Resume once",
        ["root"] = new JsonObject
        {
            ["id"] = "flowchart1",
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["activities"] = new JsonArray(
                Studio.ElsaApi.Activity("created", "Escalation.TicketCreated", trigger: true),
                Studio.ElsaApi.Activity("wait", "Escalation.WaitForTicket", new JsonObject { ["condition"] = Studio.ElsaApi.Literal("CustomerReplied") }),
                Studio.ElsaApi.Activity("brief", "Escalation.SendBriefing", new JsonObject { ["template"] = Studio.ElsaApi.Literal("agent/escalation-briefing") })),
            ["connections"] = new JsonArray(
                Studio.ElsaApi.Connection("created", "Done", "wait"),
                Studio.ElsaApi.Connection("wait", "Happened", "brief")),
        },
    };
}
