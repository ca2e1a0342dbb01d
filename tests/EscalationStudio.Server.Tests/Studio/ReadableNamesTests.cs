using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Policies.Dispatch;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Studio;

/// <summary>Policies and their steps by the names managers gave them, on the ticket API's timeline and in saved files.</summary>
[Collection(TestRunServerCollection.Name)]
public sealed class ReadableNamesTests(StudioServer server)
{
    [Fact]
    public async Task The_timeline_names_the_policy_and_step_that_decided_beside_their_ids()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        using var created = await client.PostAsJsonAsync("api/tickets", new
        {
            subject = "Refund please",
            description = "You charged us twice; I want a refund of the second payment.",
            requester = new { name = "Ines Moreau", email = $"ines.{Guid.NewGuid():N}@example.com", organisation = "Moreau SARL", lifetimeValue = 500m, vip = false },
            channel = "email",
        });
        var id = (await created.ReadObjectAsync()).Id();
        await server.Services.GetRequiredService<PolicyEventQueue>().WhenIdleAsync();

        var timeline = await (await client.GetAsync($"api/tickets/{id}/timeline")).ReadArrayAsync();

        var escalated = Assert.Single(timeline, e => (string?)e!["type"] == "escalated")!;
        Assert.Equal("policy:retention-fast-lane", (string?)escalated["actor"]);
        Assert.Equal("Retention fast lane", (string?)escalated["actorName"]);
        Assert.Equal("Retention fast lane", (string?)escalated["policyName"]);
        Assert.Equal("ToRetention", (string?)escalated["data"]!["activity"]);
        Assert.Equal("To retention", (string?)escalated["stepName"]);
        var note = Assert.Single(timeline, e => (string?)e!["data"]?["kind"] == "customer-notification")!;
        Assert.Equal("Retention fast lane", (string?)note["policyName"]);
        var opened = timeline[0]!;
        Assert.Null((string?)opened["policyName"]);
        Assert.Equal((string?)opened["actor"], (string?)opened["actorName"]);
    }

    [Fact]
    public async Task A_dropped_activity_is_saved_with_a_readable_name_its_default_inputs_and_no_elsa_strategies()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        var model = ElsaApi.NewPolicy(null, "Zebra keyword to tier 2");
        // What Elsa Studio 3.8.2 posts for activities dropped from the toolbox: a made-up name, no inputs but those set.
        model["root"]!["activities"] = new JsonArray(
            ElsaApi.Activity("f414399194ae6e81", "Escalation.KeywordMatched", new JsonObject { ["keywords"] = ElsaApi.Literal("zebra-unicorn-quasar") }, trigger: true),
            ElsaApi.Activity("a1b2c3d4e5f60718", "Escalation.EscalateToTier", new JsonObject { ["tier"] = ElsaApi.Literal("tier-2") }),
            ElsaApi.Activity("0918f7e6d5c4b3a2", "Escalation.EscalateToTier", new JsonObject { ["tier"] = ElsaApi.Literal("managers") }));
        model["root"]!["activities"]![0]!["name"] = "KeywordMatched1";
        model["root"]!["activities"]![1]!["name"] = "EscalateToTier1";
        model["root"]!["activities"]![2]!["name"] = "EscalateToTier2";
        model["root"]!["connections"] = new JsonArray(ElsaApi.Connection("f414399194ae6e81", "Done", "a1b2c3d4e5f60718"),
            ElsaApi.Connection("a1b2c3d4e5f60718", "NotAllowed", "0918f7e6d5c4b3a2"));
        model["options"] = new JsonObject
        {
            ["commitStrategyName"] = "WorkflowExecuted",
            ["incidentStrategyType"] = "Elsa.Workflows.IncidentStrategies.ContinueWithIncidentsStrategy, Elsa.Workflows.Core",
        };

        var (response, body) = await ElsaApi.Save(client, model, publish: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var definitionId = (string)body!["workflowDefinition"]!["definitionId"]!;
        var file = JsonNode.Parse(await File.ReadAllTextAsync(server.PolicyFile(definitionId + ".json")))!;
        var activities = file["root"]!["activities"]!.AsArray().ToDictionary(a => (string)a!["id"]!, a => a!);
        Assert.Equal("Keyword matched", (string?)activities["f414399194ae6e81"]["name"]);
        Assert.Equal("Escalate to tier", (string?)activities["a1b2c3d4e5f60718"]["name"]);
        Assert.Equal("Escalate to tier 2", (string?)activities["0918f7e6d5c4b3a2"]["name"]);
        var escalate = activities["a1b2c3d4e5f60718"];
        Assert.Equal("LeastLoaded", (string?)escalate["ownerPick"]!["expression"]!["value"]);
        Assert.Equal("agent/escalation-briefing", (string?)escalate["briefingTemplate"]!["expression"]!["value"]);
        Assert.Equal("tier-2", (string?)escalate["tier"]!["expression"]!["value"]);
        Assert.Null(escalate["reason"]);
        Assert.Null(file["options"]!["commitStrategyName"]);
        Assert.Null(file["options"]!["incidentStrategyType"]);
        Assert.Contains(body["workflowDefinition"]!["root"]!["activities"]!.AsArray(), a => (string?)a!["name"] == "Escalate to tier 2");
    }
}
