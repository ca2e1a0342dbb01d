using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Definitions.Store;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EscalationStudio.Server.Tests.Studio.Browser;

/// <summary>
/// A manager works with a policy's history in headless Chromium: on the policy page (rollback, discard, the
/// switch, clashes) and in the designer's own Version history (Studio's Rollback).
/// </summary>
[Collection(StudioServerCollection.Name)]
public sealed class PolicyHistoryBrowserTests(StudioServer server, StudioBrowser browser) : IClassFixture<StudioBrowser>
{
    [ChromiumFact]
    public async Task Rolling_back_on_the_policy_page_makes_the_old_version_the_draft_with_the_managers_name()
    {
        using var api = server.ClientWithKey(StudioServer.AdminKey);
        await ElsaApi.Save(api, ElsaApi.NewPolicy("page-rollback", "Page rollback", eventName: "first"), publish: true);
        await ElsaApi.Save(api, ElsaApi.NewPolicy("page-rollback", "Page rollback", eventName: "second"), publish: true);
        var page = await OpenPolicyPageAsync("page-rollback");

        Assert.Contains("eventName 'first' → 'second'", await page.Locator("tr[data-version=\"2\"]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("admin (test)", await page.Locator("tr[data-version=\"2\"]").InnerTextAsync(), StringComparison.Ordinal);
        await page.ClickAsync("button[data-rollback=\"1\"]");
        await page.Locator("#policy-message:has-text(\"now draft v3\")").WaitForAsync();
        await StudioBrowser.ScreenshotAsync(page, "policy-page-rolled-back");

        var draft = (await server.Services.GetRequiredService<IWorkflowDefinitionStore>().ListVersionsAsync("page-rollback")).Single(v => v.Version == 3);
        Assert.False(draft.IsPublished);
        Assert.Equal("manager (test)", DefinitionStamps.Author(draft));
        Assert.Contains("\"first\"", draft.Root!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("manager (test)", await page.Locator("tr[data-version=\"3\"]").InnerTextAsync(), StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task Discarding_the_draft_on_the_policy_page_leaves_the_published_version_the_latest()
    {
        using var api = server.ClientWithKey(StudioServer.ManagerKey);
        await ElsaApi.Save(api, ElsaApi.NewPolicy("page-discard", "Page discard"), publish: true);
        await ElsaApi.Save(api, ElsaApi.NewPolicy("page-discard", "Page discard, edited"), publish: false);
        var page = await OpenPolicyPageAsync("page-discard");

        await page.ClickAsync("#discard-draft");
        await page.Locator("#policy-message:has-text(\"v1 is the latest again\")").WaitForAsync();

        var versions = await server.Services.GetRequiredService<IWorkflowDefinitionStore>().ListVersionsAsync("page-discard");
        var only = Assert.Single(versions);
        Assert.True(only is { IsLatest: true, IsPublished: true, Name: "Page discard" });
        Assert.Equal(0, await page.Locator("#discard-draft").CountAsync());
    }

    [ChromiumFact]
    public async Task The_switch_on_the_policy_page_stops_and_restarts_the_policy_and_the_list_says_so()
    {
        using var api = server.ClientWithKey(StudioServer.ManagerKey);
        var policy = ElsaApi.NewPolicy("page-switch", "Page switch", eventName: "page-switch-event");
        policy["root"]!["activities"]![1]!["text"] = ElsaApi.Literal("page switch ran");
        await ElsaApi.Save(api, policy, publish: true);
        var runtime = server.Services.GetRequiredService<WorkflowRuntime>();
        var page = await OpenPolicyPageAsync("page-switch");

        await page.Locator("#policy-enabled").UncheckAsync();
        await page.Locator("#policy-message:has-text(\"Switched off\")").WaitForAsync();
        await runtime.SendStimulusAsync(Stimulus.Event("page-switch-event"));
        Assert.DoesNotContain("page switch ran", server.WrittenLines);
        await page.GotoAsync(new Uri(server.BaseAddress, "studio").ToString());
        Assert.Contains("Switched off", await page.Locator("tr[data-definition-id=\"page-switch\"]").InnerTextAsync(), StringComparison.Ordinal);

        page = await OpenPolicyPageAsync("page-switch");
        await page.Locator("#policy-enabled").CheckAsync();
        await page.Locator("#policy-message:has-text(\"Switched on\")").WaitForAsync();
        await runtime.SendStimulusAsync(Stimulus.Event("page-switch-event"));
        Assert.Contains("page switch ran", server.WrittenLines);
    }

    [ChromiumFact]
    public async Task A_policy_that_clashes_with_a_live_one_says_which_on_which_events_and_precedence_settles_it()
    {
        using var api = server.ClientWithKey(StudioServer.ManagerKey);
        var policy = ElsaApi.NewPolicy("page-vip-tier-2", "Page VIP to tier 2");
        policy["root"]!["activities"] = new JsonArray(
            ElsaApi.Activity("vip", "Escalation.VipCustomer", trigger: true),
            ElsaApi.Activity("up", "Escalation.EscalateToTier", new JsonObject { ["tier"] = ElsaApi.Literal("tier-2") }));
        policy["root"]!["connections"] = new JsonArray(ElsaApi.Connection("vip", "Done", "up"));
        await ElsaApi.Save(api, policy, publish: true);
        var page = await OpenPolicyPageAsync("page-vip-tier-2");
        var list = await page.Context.NewPageAsync();
        await list.GotoAsync(new Uri(server.BaseAddress, "studio").ToString());
        Assert.Contains("Clashes with", await list.Locator("tr[data-definition-id=\"page-vip-tier-2\"]").InnerTextAsync(), StringComparison.Ordinal);

        // The shipped high-value policy has a precedence of its own (40); open-too-long has the default, as this one.
        Assert.Contains("'High-value customers to a senior lead' acts first", await page.Locator("li[data-clash=\"high-value-customers\"]").InnerTextAsync(), StringComparison.Ordinal);
        var clash = page.Locator("li[data-clash=\"open-too-long\"]");
        Assert.Contains("ticket created", await clash.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("set a precedence", await clash.InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("#policy-precedence").FillAsync("7");
        await page.ClickAsync("#save-precedence");
        await page.Locator("li[data-clash=\"open-too-long\"]:has-text(\"this policy acts first\")").WaitForAsync();
        await StudioBrowser.ScreenshotAsync(page, "policy-page-clash");

        Assert.Equal(7, DefinitionStamps.PrecedenceOf(server.Services.GetRequiredService<PublishedWorkflows>().FindPublished("page-vip-tier-2")!));
        // Settled by precedence, the clash stays on the policy's page but no longer flags the policy in the list.
        await list.ReloadAsync();
        Assert.DoesNotContain("Clashes with", await list.Locator("tr[data-definition-id=\"page-vip-tier-2\"]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Published", await list.Locator("tr[data-definition-id=\"page-vip-tier-2\"]").InnerTextAsync(), StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task Rollback_in_the_designers_version_history_answers_and_shows_no_error()
    {
        using var api = server.ClientWithKey(StudioServer.ManagerKey);
        await ElsaApi.Save(api, ElsaApi.NewPolicy("studio-rollback", "Studio rollback", eventName: "first"), publish: true);
        await ElsaApi.Save(api, ElsaApi.NewPolicy("studio-rollback", "Studio rollback", eventName: "second"), publish: true);
        var page = await browser.NewPageAsync();
        var consoleErrors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                consoleErrors.Enqueue(message.Text);
            }
        };
        // Monaco arrives late (as on a busy machine): the editors Studio asked for before the rollback re-rendered their
        // panel are made, changed or disposed only after, and must not break the page.
        await page.RouteAsync("**/monaco-editor/**", async route =>
        {
            await Task.Delay(TimeSpan.FromSeconds(4));
            await route.ContinueAsync();
        });
        await StudioBrowser.SignInAsync(page, server.BaseAddress, StudioServer.ManagerKey);
        await StudioBrowser.OpenDesignerAsync(page, server.BaseAddress, "studio-rollback", "start1");

        await page.RunAndWaitForResponseAsync(() => page.ClickAsync("text=Version history"),
            response => response.Url.Contains("versionOptions=AllVersions", StringComparison.Ordinal));
        var row = page.Locator("tr:has(td:text-is(\"1\"))").First;
        await row.WaitForAsync();
        await StudioBrowser.ScreenshotAsync(page, "designer-version-history");
        // The row's ⋮ menu holds Studio's Rollback.
        await row.Locator("button").Last.ClickAsync();
        var revert = await page.RunAndWaitForResponseAsync(() => page.Locator(".mud-popover-open .mud-menu-item:has-text(\"Rollback\")").First.ClickAsync(),
            response => response.Url.Contains("/revert/1", StringComparison.Ordinal));
        // Studio reloads its version list after the rollback: the new draft is listed, and nothing failed on the way.
        await page.Locator("text=1-3 of 3").WaitForAsync();
        await page.WaitForFunctionAsync("() => window.monaco !== undefined");
        await page.WaitForTimeoutAsync(500);
        await StudioBrowser.ScreenshotAsync(page, "designer-rolled-back");

        Assert.Equal(200, revert.Status);
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync(), "An unhandled error has occurred: " + string.Join(" || ", consoleErrors));
        var latest = await ElsaApi.GetJson(api, "elsa/api/workflow-definitions/by-definition-id/studio-rollback?versionOptions=Latest");
        Assert.Equal(3, (int)latest["version"]!);
        Assert.Contains("\"first\"", latest["root"]!.ToJsonString(), StringComparison.Ordinal);
    }

    private async Task<IPage> OpenPolicyPageAsync(string definitionId)
    {
        var page = await browser.NewPageAsync();
        await StudioBrowser.SignInAsync(page, server.BaseAddress, StudioServer.ManagerKey);
        await page.GotoAsync(new Uri(server.BaseAddress, "studio/policies/" + definitionId).ToString());
        // The buttons act once the live connection is up.
        await page.Locator(".toolbar[data-live=\"true\"]").WaitForAsync();
        return page;
    }
}
