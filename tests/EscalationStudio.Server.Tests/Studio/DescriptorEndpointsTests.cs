using System.Net;
using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Studio;

[Collection(StudioServerCollection.Name)]
public sealed class DescriptorEndpointsTests(StudioServer server)
{
    [Fact]
    public async Task Activity_descriptors_come_from_the_runtime_registry_in_Elsa_shape()
    {
        using var client = server.ClientWithKey(StudioServer.AgentKey);

        var list = await ElsaApi.GetJson(client, "elsa/api/descriptors/activities?Refresh=True");

        var items = list["items"]!.AsArray();
        Assert.Equal(items.Count, (int)list["count"]!);
        var writeLine = items.OfType<JsonObject>().Single(d => (string?)d["typeName"] == "Elsa.WriteLine");
        Assert.Equal("Action", (string?)writeLine["kind"]);
        Assert.True((bool)writeLine["isBrowsable"]!);
        var text = writeLine["inputs"]!.AsArray().OfType<JsonObject>().Single(i => (string?)i["name"] == "Text");
        Assert.True((bool)text["isBrowsable"]!);
        Assert.True((bool)text["isWrapped"]!);
        Assert.NotNull(text["uiHint"]);
        var eventTrigger = items.OfType<JsonObject>().Single(d => (string?)d["typeName"] == "Elsa.Event");
        Assert.Equal("Trigger", (string?)eventTrigger["kind"]);
    }

    [Fact]
    public async Task Escalation_activities_offer_the_org_directorys_tiers_as_a_dropdown_Studio_can_read()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);

        var escalate = await ElsaApi.GetJson(client, "elsa/api/descriptors/activities/Escalation.EscalateToTier");

        Assert.Equal("Escalation", (string?)escalate["category"]);
        var tier = escalate["inputs"]!.AsArray().OfType<JsonObject>().Single(i => (string?)i["name"] == "Tier");
        Assert.Equal("dropdown", (string?)tier["uiHint"]);
        var items = tier["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray();
        Assert.Contains(items, item => (string?)item!["value"] == "tier-2");
    }

    [Fact]
    public void Every_sample_policy_of_the_repository_loads_and_is_live()
    {
        var samples = Directory.GetFiles(Path.Combine(Repository.Root, "workflows", "escalation"), "*.json")
            .Select(file => Workflows.Definitions.WorkflowDefinitionJson.Parse(File.ReadAllText(file)))
            .Where(definition => definition.IsPublished)
            .ToList();
        var live = server.Services.GetRequiredService<PublishedWorkflows>();

        Assert.NotEmpty(samples);
        Assert.All(samples, sample => Assert.NotNull(live.FindPublished(sample.DefinitionId)));
    }

    [Fact]
    public async Task One_activity_descriptor_is_found_by_type_name()
    {
        using var client = server.ClientWithKey(StudioServer.AgentKey);

        var descriptor = await ElsaApi.GetJson(client, "elsa/api/descriptors/activities/Elsa.WriteLine");
        using var missing = await client.GetAsync("elsa/api/descriptors/activities/Acme.Nothing");

        Assert.Equal("WriteLine", (string?)descriptor["name"]);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Expression_descriptors_offer_a_type_beyond_Literal_so_the_settings_panel_does_not_crash()
    {
        using var client = server.ClientWithKey(StudioServer.AgentKey);

        var list = await ElsaApi.GetJson(client, "elsa/api/descriptors/expression-descriptors");

        var types = list["items"]!.AsArray().OfType<JsonObject>().ToDictionary(e => (string)e["type"]!, e => (bool)e["isBrowsable"]!);
        Assert.True(types["Literal"]);
        Assert.Contains(types.Keys, t => t is not ("Literal" or "Object" or "Variable" or "Input"));
        Assert.True(types["JavaScript"]);
        Assert.False(types["CSharp"]); // known, not offered: C# is off unless Escalation:Scripts:AllowCSharp
        Assert.True(types["Liquid"]);
    }

    [Theory]
    [InlineData("descriptors/workflow-activation-strategies", "typeName")]
    [InlineData("descriptors/log-persistence-strategies", "typeName")]
    [InlineData("descriptors/incident-strategies", "typeName")]
    [InlineData("descriptors/variables", "typeName")]
    [InlineData("descriptors/storage-drivers", "typeName")]
    public async Task Fixed_lists_the_designer_loads_answer_with_items(string path, string key)
    {
        using var client = server.ClientWithKey(StudioServer.AgentKey);

        var list = await ElsaApi.GetJson(client, "elsa/api/" + path);

        Assert.NotEmpty(list["items"]!.AsArray());
        Assert.All(list["items"]!.AsArray(), item => Assert.NotNull(item![key]));
    }

    [Theory]
    [InlineData("descriptors/commit-strategies/workflows")]
    [InlineData("descriptors/commit-strategies/activities")]
    [InlineData("features/installed")]
    public async Task Lists_with_nothing_to_offer_answer_an_empty_list(string path)
    {
        using var client = server.ClientWithKey(StudioServer.AgentKey);

        var list = await ElsaApi.GetJson(client, "elsa/api/" + path);

        Assert.Empty(list["items"]!.AsArray());
        Assert.Equal(0, (int)list["count"]!);
    }

    [Fact]
    public async Task The_package_version_and_JavaScript_declarations_are_served()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);

        var version = await ElsaApi.GetJson(client, "elsa/api/package/version");
        using var declarations = await client.PostAsync("elsa/api/scripting/javascript/type-definitions/refund-keyword", null);

        Assert.Equal("3.8.2", (string?)version["packageVersion"]);
        Assert.Contains("declare function getVariable", await declarations.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_API_refuses_a_caller_without_credentials()
    {
        using var client = server.Anonymous();

        using var response = await client.GetAsync("elsa/api/descriptors/activities");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
