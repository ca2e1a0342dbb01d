using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Studio;

/// <summary>A manager switches a policy off and on: it stays published and in its file, but only runs while on.</summary>
[Collection(StudioServerCollection.Name)]
public sealed class EnableDisableEndpointTests(StudioServer server)
{
    [Fact]
    public async Task Enabled_false_keeps_the_policy_in_its_file_and_no_event_starts_it_until_it_is_on_again()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        await ElsaApi.Save(client, Policy("switch-me", "switch-me-event", "switch-me ran"), publish: true);
        var runtime = server.Services.GetRequiredService<WorkflowRuntime>();

        using var off = await client.PutAsJsonAsync("elsa/api/workflow-definitions/switch-me/enabled", new { enabled = false });
        await runtime.SendStimulusAsync(Stimulus.Event("switch-me-event"));

        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.DoesNotContain("switch-me ran", server.WrittenLines);
        var file = JsonNode.Parse(await File.ReadAllTextAsync(server.PolicyFile("switch-me.json")))!.AsObject();
        Assert.True((bool)file["isPublished"]!);
        Assert.True((bool)file["customProperties"]!["disabled"]!);
        var history = await ElsaApi.GetJson(client, "elsa/api/workflow-definitions/switch-me/history");
        Assert.False((bool)history["items"]![0]!["enabled"]!);
        // A designer tab that saved before the switch does not switch it on again.
        await ElsaApi.Save(client, Policy("switch-me", "switch-me-event", "switch-me ran"), publish: true);
        await runtime.SendStimulusAsync(Stimulus.Event("switch-me-event"));
        Assert.DoesNotContain("switch-me ran", server.WrittenLines);

        using var on = await client.PutAsJsonAsync("elsa/api/workflow-definitions/switch-me/enabled", new { enabled = true });
        await runtime.SendStimulusAsync(Stimulus.Event("switch-me-event"));

        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        Assert.Contains("switch-me ran", server.WrittenLines);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"enabled\":null}")]
    [InlineData("{\"enabled\":\"yes\"}")]
    public async Task Enabled_without_a_true_or_false_is_a_400_naming_the_field(string body)
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        await ElsaApi.Save(client, Policy("switch-bad-input", "switch-bad-input-event", "bad input ran"), publish: true);

        using var response = await client.PutAsync("elsa/api/workflow-definitions/switch-bad-input/enabled",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("enabled", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Switching_an_unknown_policy_is_a_404_and_an_agent_may_not_switch_at_all()
    {
        using var manager = server.ClientWithKey(StudioServer.ManagerKey);
        using var agent = server.ClientWithKey(StudioServer.AgentKey);

        using var unknown = await manager.PutAsJsonAsync("elsa/api/workflow-definitions/no-such-policy/enabled", new { enabled = false });
        using var refused = await agent.PutAsJsonAsync("elsa/api/workflow-definitions/retention-fast-lane/enabled", new { enabled = false });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static JsonObject Policy(string definitionId, string eventName, string text)
    {
        var policy = ElsaApi.NewPolicy(definitionId, definitionId, eventName);
        policy["root"]!["activities"]![1]!["text"] = ElsaApi.Literal(text);
        return policy;
    }
}
