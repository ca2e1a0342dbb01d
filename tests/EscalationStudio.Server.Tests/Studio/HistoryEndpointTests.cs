using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Definitions.Store;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Studio;

/// <summary>Studio's version history: Rollback, discarding a draft, who changed what, precedence, readable ids.</summary>
[Collection(StudioServerCollection.Name)]
public sealed class HistoryEndpointTests(StudioServer server)
{
    [Fact]
    public async Task Rollback_makes_the_old_version_the_draft_and_publishing_it_puts_it_live()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        await ElsaApi.Save(client, ElsaApi.NewPolicy("roll-me-back", "Roll me back", eventName: "first"), publish: true);
        await ElsaApi.Save(client, ElsaApi.NewPolicy("roll-me-back", "Roll me back", eventName: "second"), publish: true);

        using var revert = await client.PostAsync("elsa/api/workflow-definitions/roll-me-back/revert/1", null);

        Assert.Equal(HttpStatusCode.OK, revert.StatusCode);
        var draft = await revert.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(3, (int)draft!["version"]!);
        Assert.False((bool)draft["isPublished"]!);
        Assert.Contains("\"first\"", draft["root"]!.ToJsonString(), StringComparison.Ordinal);
        using var publish = await client.PostAsync("elsa/api/workflow-definitions/roll-me-back/publish", null);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var live = server.Services.GetRequiredService<PublishedWorkflows>().FindPublished("roll-me-back");
        Assert.Equal(3, live!.Version);
        using var missing = await client.PostAsync("elsa/api/workflow-definitions/roll-me-back/revert/9", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_draft_can_be_discarded_and_the_published_version_is_the_latest_again()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        await ElsaApi.Save(client, ElsaApi.NewPolicy("discard-me", "Discard me"), publish: true);
        await ElsaApi.Save(client, ElsaApi.NewPolicy("discard-me", "Discard me, edited"), publish: false);

        using var discard = await client.PostAsync("elsa/api/workflow-definitions/discard-me/discard-draft", null);
        using var again = await client.PostAsync("elsa/api/workflow-definitions/discard-me/discard-draft", null);

        Assert.Equal(HttpStatusCode.OK, discard.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var latest = await ElsaApi.GetJson(client, "elsa/api/workflow-definitions/by-definition-id/discard-me?versionOptions=Latest");
        Assert.Equal((1, "Discard me", true), ((int)latest["version"]!, (string?)latest["name"], (bool)latest["isPublished"]!));
    }

    [Fact]
    public async Task The_history_names_who_changed_each_version_what_changed_and_a_retraction()
    {
        using var manager = server.ClientWithKey(StudioServer.ManagerKey);
        using var admin = server.ClientWithKey(StudioServer.AdminKey);
        await ElsaApi.Save(manager, ElsaApi.NewPolicy("who-changed", "Who changed", eventName: "first"), publish: true);
        await ElsaApi.Save(admin, ElsaApi.NewPolicy("who-changed", "Who changed", eventName: "second"), publish: true);
        using var retract = await admin.PostAsync("elsa/api/workflow-definitions/who-changed/retract", null);

        var history = (await ElsaApi.GetJson(manager, "elsa/api/workflow-definitions/who-changed/history"))["items"]!.AsArray();

        Assert.Equal([2, 1], history.Select(v => (int)v!["version"]!));
        Assert.Equal(["admin (test)", "manager (test)"], history.Select(v => (string?)v!["changedBy"]));
        Assert.Equal(["retracted", "superseded"], history.Select(v => (string?)v!["state"]));
        Assert.Contains(history[0]!["changes"]!.AsArray(), c => ((string?)c)!.Contains("eventName 'first' → 'second'", StringComparison.Ordinal));
        var file = WorkflowDefinitionJsonFile(server.PolicyFile("who-changed.json"));
        Assert.Equal("admin (test)", (string?)file["customProperties"]!["changedBy"]);
    }

    [Fact]
    public async Task Precedence_is_stored_with_the_policy_and_written_into_its_file()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        await ElsaApi.Save(client, ElsaApi.NewPolicy("goes-first", "Goes first"), publish: true);

        using var set = await client.PutAsJsonAsync("elsa/api/workflow-definitions/goes-first/precedence", new { precedence = 5 });
        using var bad = await client.PutAsJsonAsync("elsa/api/workflow-definitions/goes-first/precedence", new { precedence = 5000 });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("precedence", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var live = server.Services.GetRequiredService<PublishedWorkflows>().FindPublished("goes-first");
        Assert.Equal(5, DefinitionStamps.PrecedenceOf(live!));
        Assert.Equal(5, (int)WorkflowDefinitionJsonFile(server.PolicyFile("goes-first.json"))["customProperties"]!["precedence"]!);
        // A save from a designer tab opened before does not undo it.
        await ElsaApi.Save(client, ElsaApi.NewPolicy("goes-first", "Goes first"), publish: true);
        Assert.Equal(5, DefinitionStamps.PrecedenceOf(server.Services.GetRequiredService<PublishedWorkflows>().FindPublished("goes-first")!));
    }

    [Fact]
    public async Task A_new_policy_gets_an_id_from_its_name_and_its_file_goes_beside_the_samples()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);

        var (_, first) = await ElsaApi.Save(client, ElsaApi.NewPolicy(null, "VIP unanswered for 2h"), publish: true);
        var (_, second) = await ElsaApi.Save(client, ElsaApi.NewPolicy(null, "VIP unanswered for 2h"), publish: false);

        Assert.Equal("vip-unanswered-for-2h", (string?)first!["workflowDefinition"]!["definitionId"]);
        Assert.Equal("vip-unanswered-for-2h-2", (string?)second!["workflowDefinition"]!["definitionId"]);
        Assert.True(File.Exists(Path.Combine(server.WorkflowsPath, "escalation", "vip-unanswered-for-2h.json")));
    }

    private static JsonObject WorkflowDefinitionJsonFile(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();
}

[Collection(StudioServerCollection.Name)]
public sealed class ClashWarningTests(StudioServer server)
{
    [Fact]
    public async Task Publishing_a_policy_that_moves_tickets_on_the_same_event_as_a_live_one_names_it()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        var policy = ElsaApi.NewPolicy("vip-to-tier-2", "VIP to tier 2");
        policy["root"]!["activities"] = new JsonArray(
            ElsaApi.Activity("vip", "Escalation.VipCustomer", trigger: true),
            ElsaApi.Activity("up", "Escalation.EscalateToTier", new JsonObject { ["tier"] = ElsaApi.Literal("tier-2") }));
        policy["root"]!["connections"] = new JsonArray(ElsaApi.Connection("vip", "Done", "up"));

        var (response, body) = await ElsaApi.Save(client, policy, publish: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var warnings = body!["warnings"]!.AsArray();
        Assert.Contains(warnings, w => (string?)w!["definitionId"] == "high-value-customers");
        var history = await ElsaApi.GetJson(client, "elsa/api/workflow-definitions/vip-to-tier-2/history");
        Assert.Contains(history["clashes"]!.AsArray(), w => ((string?)w!["message"])!.Contains("set a precedence", StringComparison.Ordinal));
    }
}
