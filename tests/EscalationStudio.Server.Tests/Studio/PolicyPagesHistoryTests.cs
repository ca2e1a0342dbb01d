using System.Net;

namespace EscalationStudio.Server.Tests.Studio;

/// <summary>The policy list and a policy's page say what state a policy is in and who changed it last.</summary>
[Collection(StudioServerCollection.Name)]
public sealed class PolicyPagesHistoryTests(StudioServer server)
{
    [Fact]
    public async Task A_retracted_policy_shows_as_retracted_in_the_list_with_who_retracted_it()
    {
        using var admin = server.ClientWithKey(StudioServer.AdminKey);
        await ElsaApi.Save(admin, ElsaApi.NewPolicy("list-retracted", "List retracted"), publish: true);
        using var retract = await admin.PostAsync("elsa/api/workflow-definitions/list-retracted/retract", null);
        retract.EnsureSuccessStatusCode();

        var html = await admin.GetStringAsync("studio");

        var row = RowOf(html, "list-retracted");
        Assert.Contains("Retracted", row, StringComparison.Ordinal);
        Assert.DoesNotContain(">Draft<", row, StringComparison.Ordinal);
        Assert.Contains("by admin (test)", row, StringComparison.Ordinal);
        Assert.Contains("href=\"/studio/policies/list-retracted\"", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_policy_page_lists_each_version_with_its_author_and_changes_and_an_agent_gets_no_buttons()
    {
        using var manager = server.ClientWithKey(StudioServer.ManagerKey);
        using var agent = server.ClientWithKey(StudioServer.AgentKey);
        await ElsaApi.Save(manager, ElsaApi.NewPolicy("page-read", "Page read", eventName: "first"), publish: true);
        await ElsaApi.Save(manager, ElsaApi.NewPolicy("page-read", "Page read", eventName: "second"), publish: false);

        var html = WebUtility.HtmlDecode(await agent.GetStringAsync("studio/policies/page-read"));
        using var missing = await agent.GetAsync("studio/policies/no-such-policy");

        Assert.Contains("Published v1, with a draft v2 not published yet", html, StringComparison.Ordinal);
        Assert.Contains("eventName 'first' → 'second'", html, StringComparison.Ordinal);
        Assert.Contains("manager (test)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Roll back to", html, StringComparison.Ordinal);
        Assert.DoesNotContain("policy-enabled", html, StringComparison.Ordinal);
        Assert.Contains("No policy no-such-policy", WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    private static string RowOf(string html, string definitionId)
    {
        var start = html.IndexOf($"data-definition-id=\"{definitionId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {definitionId}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
