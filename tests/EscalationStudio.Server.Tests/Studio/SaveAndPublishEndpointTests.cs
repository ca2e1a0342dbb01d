using System.Net;
using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Studio;

[Collection(StudioServerCollection.Name)]
public sealed class SaveAndPublishEndpointTests(StudioServer server)
{
    private PublishedWorkflows Live => server.Services.GetRequiredService<PublishedWorkflows>();

    [Fact]
    public async Task Saving_a_model_without_definition_id_creates_a_draft_with_new_ids_editable_by_the_saver()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        var model = ElsaApi.NewPolicy(null, "Save as copy");
        model["id"] = "refund-keyword-v1"; // "Save as" echoes the original's version id

        var (response, body) = await ElsaApi.Save(client, model, publish: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = body!["workflowDefinition"]!;
        Assert.False(string.IsNullOrEmpty((string?)saved["definitionId"]));
        Assert.NotEqual("refund-keyword-v1", (string?)saved["id"]);
        Assert.Equal(1, (int)saved["version"]!);
        Assert.True((bool)saved["isLatest"]!);
        Assert.False((bool)saved["isPublished"]!);
        Assert.Contains(saved["links"]!.AsArray(), link => (string?)link!["rel"] == "publish");
        Assert.False((bool)body["alreadyPublished"]!);
        Assert.Equal(0, (int)body["consumingWorkflowCount"]!);
    }

    [Fact]
    public async Task Auto_saves_edit_the_draft_in_place()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        var (_, first) = await ElsaApi.Save(client, ElsaApi.NewPolicy("in-place", "In place"), publish: false);

        var (_, second) = await ElsaApi.Save(client, ElsaApi.NewPolicy("in-place", "In place, renamed"), publish: false);

        Assert.Equal((string?)first!["workflowDefinition"]!["id"], (string?)second!["workflowDefinition"]!["id"]);
        Assert.Equal(1, (int)second["workflowDefinition"]!["version"]!);
        Assert.Equal("In place, renamed", (string?)second["workflowDefinition"]!["name"]);
    }

    [Fact]
    public async Task Publishing_writes_the_policy_file_and_makes_it_live_at_once()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);

        var (response, body) = await ElsaApi.Save(client, ElsaApi.NewPolicy("vip-fast-lane", "VIP fast lane"), publish: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((bool)body!["workflowDefinition"]!["isPublished"]!);
        var file = server.PolicyFile("vip-fast-lane.json");
        Assert.True(File.Exists(file));
        var text = await File.ReadAllTextAsync(file);
        Assert.StartsWith("{\n  \"$schema\"", text);
        var written = WorkflowDefinitionJson.Parse(text);
        Assert.True(written.IsPublished);
        Assert.Equal("VIP fast lane", written.Name);
        Assert.Equal(WorkflowDefinitionJson.Write(written), text);
        Assert.Equal("VIP fast lane", Live.FindPublished("vip-fast-lane")?.Name);
    }

    [Fact]
    public async Task Saving_onto_a_published_version_creates_the_next_version_as_a_draft_and_keeps_the_live_one()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        await ElsaApi.Save(client, ElsaApi.NewPolicy("next-version", "Next version"), publish: true);
        var fileBefore = await File.ReadAllTextAsync(server.PolicyFile("next-version.json"));

        var (_, body) = await ElsaApi.Save(client, ElsaApi.NewPolicy("next-version", "Next version, edited"), publish: false);

        var draft = body!["workflowDefinition"]!;
        Assert.Equal(2, (int)draft["version"]!);
        Assert.True((bool)draft["isLatest"]!);
        Assert.False((bool)draft["isPublished"]!);
        var published = await ElsaApi.GetJson(client, "elsa/api/workflow-definitions/by-definition-id/next-version?versionOptions=Published");
        Assert.Equal(1, (int)published["version"]!);
        Assert.False((bool)published["isLatest"]!);
        Assert.Equal(fileBefore, await File.ReadAllTextAsync(server.PolicyFile("next-version.json")));
        Assert.Equal("Next version", Live.FindPublished("next-version")?.Name);
    }

    [Fact]
    public async Task Publishing_a_new_version_clears_the_old_flags_and_keeps_the_file_name_after_a_rename()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        await ElsaApi.Save(client, ElsaApi.NewPolicy("renamed", "Before rename"), publish: true);

        var (_, body) = await ElsaApi.Save(client, ElsaApi.NewPolicy("renamed", "After rename"), publish: true);

        Assert.Equal(2, (int)body!["workflowDefinition"]!["version"]!);
        var history = await ElsaApi.GetJson(client, "elsa/api/workflow-definitions?versionOptions=AllVersions&DefinitionIds=renamed&OrderBy=Version");
        var v1 = history["items"]!.AsArray().Single(i => (int)i!["version"]! == 1)!;
        Assert.False((bool)v1["isLatest"]!);
        Assert.False((bool)v1["isPublished"]!);
        Assert.False(File.Exists(server.PolicyFile("after-rename.json")));
        Assert.Equal("After rename", WorkflowDefinitionJson.Parse(await File.ReadAllTextAsync(server.PolicyFile("before-rename.json"))).Name);
    }

    [Fact]
    public async Task An_invalid_policy_is_refused_with_problem_json_naming_the_activities_and_its_draft_is_kept()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        var model = ElsaApi.NewPolicy("broken", "Broken");
        var activities = model["root"]!["activities"]!.AsArray();
        activities.Add(ElsaApi.Activity("mystery1", "Acme.Mystery"));
        model["root"]!["connections"]!.AsArray().Add(ElsaApi.Connection("write1", "Sideways", "start1"));
        model["root"]!["connections"]!.AsArray().Add(ElsaApi.Connection("start1", "Done", "ghost1"));

        var (response, body) = await ElsaApi.Save(client, model, publish: true);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, (int)body!["status"]!);
        Assert.NotNull(body["title"]);
        var errors = body["errors"]!["root"]!.AsArray().Select(e => (string)e!).ToList();
        Assert.Contains(errors, e => e.StartsWith("activity mystery1:", StringComparison.Ordinal) && e.Contains("Acme.Mystery"));
        Assert.Contains(errors, e => e.Contains("write1") && e.Contains("Sideways"));
        Assert.Contains(errors, e => e.Contains("ghost1"));
        Assert.False(File.Exists(server.PolicyFile("broken.json")));
        Assert.Null(Live.FindPublished("broken"));
        var draft = await ElsaApi.GetJson(client, "elsa/api/workflow-definitions/by-definition-id/broken");
        Assert.Equal(3, draft["root"]!["activities"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_trigger_that_leads_nowhere_cannot_be_published()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        var model = ElsaApi.NewPolicy("dead-end", "Dead end");
        model["root"]!["connections"] = new JsonArray();

        var (response, body) = await ElsaApi.Save(client, model, publish: true);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(body!["errors"]!["root"]!.AsArray(), e => ((string)e!).Contains("start1") && ((string)e!).Contains("trigger leads nowhere"));
    }

    [Fact]
    public async Task A_model_of_the_wrong_shape_is_a_400_naming_the_field()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        var model = ElsaApi.NewPolicy("wrong-shape", "Wrong shape");
        model["variables"] = "not a list";

        var (response, body) = await ElsaApi.Save(client, model, publish: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body!["errors"]!["variables"]);
    }

    [Fact]
    public async Task A_request_without_a_model_is_refused_by_its_validator()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);

        using var response = await client.PostAsync("elsa/api/workflow-definitions",
            new StringContent("""{"publish":true}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("model", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_agent_may_read_but_not_save()
    {
        using var client = server.ClientWithKey(StudioServer.AgentKey);

        var (response, _) = await ElsaApi.Save(client, ElsaApi.NewPolicy("agent-try", "Agent try"), publish: false);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
