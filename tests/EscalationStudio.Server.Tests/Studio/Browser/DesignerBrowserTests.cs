using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EscalationStudio.Server.Tests.Studio.Browser;

/// <summary>A manager works in the real Elsa Studio designer, served by our server, in headless Chromium.</summary>
[Collection(StudioServerCollection.Name)]
public sealed class DesignerBrowserTests(StudioServer server, StudioBrowser browser) : IClassFixture<StudioBrowser>
{
    private const string PublishButton = "button.mud-icon-button.mud-primary-text";
    private const string NewText = "Refund asked: loop in billing";

    [ChromiumFact]
    public async Task A_manager_drags_connects_edits_and_publishes_and_the_file_and_the_runtime_follow()
    {
        await ImportSampleAsync("browser-refund", "Browser refund", "browser-refund-mentioned");
        var page = await browser.NewPageAsync();
        var refused = StudioBrowser.WatchContentSecurityPolicy(page);
        await StudioBrowser.SignInAsync(page, server.BaseAddress, StudioServer.ManagerKey);
        await page.ClickAsync("text=Browser refund");
        await page.Locator("text=RefundMentioned").First.WaitForAsync();

        var before = await NodeIdsAsync(page);
        await page.ClickAsync("text=Console");
        var canvas = page.Locator(".x6-graph-svg").First;
        var box = (await canvas.BoundingBoxAsync())!;
        await page.Locator("text=Write Line").First.DragToAsync(canvas, new LocatorDragToOptions
        {
            TargetPosition = new TargetPosition { X = box.Width * 0.7f, Y = box.Height * 0.75f },
        });
        var dropped = await WaitForNewNodeAsync(page, before);

        await DragAsync(page, ".x6-node[data-cell-id=\"announce1\"] [port=\"Done\"]", $".x6-node[data-cell-id=\"{dropped}\"] [port=\"In\"]");
        // A node just dropped is selected already, under X6's selection box, which takes the click.
        await page.Locator($".x6-node[data-cell-id=\"{dropped}\"]").ClickAsync(new LocatorClickOptions { Force = true });
        var text = page.Locator(".mud-input-control:has(label:text-is(\"Text\")) input").First;
        await page.RunAndWaitForResponseAsync(async () =>
        {
            await text.FillAsync(NewText);
            await text.PressAsync("Tab");
        }, response => response.Request.Method == "POST" && response.Url.EndsWith("/elsa/api/workflow-definitions", StringComparison.Ordinal)
            && (response.Request.PostData ?? "").Contains(NewText, StringComparison.Ordinal));
        await StudioBrowser.ScreenshotAsync(page, "designer-edited");

        var publish = await page.RunAndWaitForResponseAsync(() => page.ClickAsync(PublishButton),
            response => response.Request.Method == "POST" && (response.Request.PostData ?? "").Contains("\"publish\":true", StringComparison.Ordinal));
        Assert.Equal(200, publish.Status);
        await page.Locator(".mud-snackbar:has-text(\"Workflow published\")").WaitForAsync();
        await StudioBrowser.ScreenshotAsync(page, "designer-published");

        var file = WorkflowDefinitionJson.Parse(await File.ReadAllTextAsync(server.PolicyFile("browser-refund.json")));
        Assert.True(file.IsPublished);
        Assert.Equal(2, file.Version);
        var activities = file.Root!["activities"]!.AsArray().OfType<JsonObject>().ToList();
        var added = Assert.Single(activities, a => (string?)a["id"] == dropped);
        Assert.Equal("Elsa.WriteLine", (string?)added["type"]);
        Assert.Equal(NewText, (string?)added["text"]!["expression"]!["value"]);
        Assert.Contains(file.Root["connections"]!.AsArray(), c =>
            (string?)c!["source"]!["activity"] == "announce1" && (string?)c["target"]!["activity"] == dropped);

        var runtime = server.Services.GetRequiredService<WorkflowRuntime>();
        await runtime.SendStimulusAsync(Stimulus.Event("browser-refund-mentioned"));
        Assert.Contains(NewText, server.WrittenLines);
        // All of it under the server's Content-Security-Policy: the WebAssembly runtime, drag and drop, the editors.
        Assert.True(refused.Count == 0, string.Join(Environment.NewLine, refused));
    }

    [ChromiumFact]
    public async Task A_ticket_event_follows_the_path_published_in_the_designer()
    {
        var page = await browser.NewPageAsync();
        await StudioBrowser.SignInAsync(page, server.BaseAddress, StudioServer.ManagerKey);
        await StudioBrowser.OpenDesignerAsync(page, server.BaseAddress, "retention-fast-lane", "ToRetention");

        await ClickNodeAsync(page, "ToRetention");
        await page.Locator(".mud-input-control:has(label:text-is(\"Tier\")) div.mud-input-slot").First.ClickAsync(new LocatorClickOptions { Force = true });
        await page.RunAndWaitForResponseAsync(() => page.Locator("text=/\\(billing\\)$/").First.ClickAsync(),
            response => response.Request.Method == "POST" && (response.Request.PostData ?? "").Contains("\"value\":\"billing\"", StringComparison.Ordinal));
        await page.RunAndWaitForResponseAsync(() => page.ClickAsync(PublishButton),
            response => response.Request.Method == "POST" && (response.Request.PostData ?? "").Contains("\"publish\":true", StringComparison.Ordinal));
        await page.Locator(".mud-snackbar:has-text(\"Workflow published\")").WaitForAsync();
        await StudioBrowser.ScreenshotAsync(page, "designer-retention-to-billing");

        var file = await File.ReadAllTextAsync(Path.Combine(server.WorkflowsPath, "escalation", "retention-fast-lane.json"));
        var escalate = WorkflowDefinitionJson.Parse(file).Root!["activities"]!.AsArray().Single(a => (string?)a!["id"] == "ToRetention")!;
        Assert.Equal("billing", (string?)escalate["tier"]!["expression"]!["value"]);

        using var api = server.ClientWithKey(StudioServer.ManagerKey);
        using var created = await api.PostAsJsonAsync("api/tickets", new
        {
            subject = "Please refund my last order",
            description = "It arrived broken.",
            requester = new { name = "Ari Lund", email = "ari.lund@example.com" },
            channel = "email",
        });
        created.EnsureSuccessStatusCode();
        var ticketId = (string?)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"];
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string? tier;
        do
        {
            await Task.Delay(100);
            tier = (string?)(await ElsaApi.GetJson(api, $"api/tickets/{ticketId}"))["tier"];
        }
        while (tier != "billing" && DateTime.UtcNow < deadline);
        Assert.Equal("billing", tier);
    }

    [ChromiumFact]
    public async Task Publishing_an_invalid_policy_shows_the_servers_reason_and_selects_the_activity_it_names()
    {
        using var api = server.ClientWithKey(StudioServer.ManagerKey);
        var model = ElsaApi.NewPolicy("browser-dead-end", "Browser dead end");
        model["root"]!["connections"] = new JsonArray();
        await ElsaApi.Save(api, model, publish: false);
        var page = await browser.NewPageAsync();
        await StudioBrowser.SignInAsync(page, server.BaseAddress, StudioServer.ManagerKey);
        await StudioBrowser.OpenDesignerAsync(page, server.BaseAddress, "browser-dead-end", "start1");

        var publish = await page.RunAndWaitForResponseAsync(() => page.ClickAsync(PublishButton),
            response => response.Request.Method == "POST" && (response.Request.PostData ?? "").Contains("\"publish\":true", StringComparison.Ordinal));

        Assert.Equal(400, publish.Status);
        Assert.True(await page.Locator("button.mud-success-text").IsVisibleAsync(), "▶ Run is shown: test runs go to the policy sandbox");
        await page.Locator(".mud-snackbar:has-text(\"trigger leads nowhere\")").WaitForAsync();
        // The activity the message names is selected (over write1, which the designer drew on top of it), its inputs open.
        await page.Locator(".x6-node.x6-node-selected[data-cell-id=\"start1\"]").WaitForAsync();
        await page.Locator(".mud-input-control:has(label:text-is(\"Event Name\"))").First.WaitForAsync();
        Assert.Equal(0, await page.Locator(".x6-node.x6-node-selected[data-cell-id=\"write1\"]").CountAsync());
        await StudioBrowser.ScreenshotAsync(page, "designer-publish-refused");
        Assert.False(File.Exists(server.PolicyFile("browser-dead-end.json")));
    }

    [ChromiumFact]
    public async Task An_agent_sees_a_policy_read_only()
    {
        var page = await browser.NewPageAsync();
        await StudioBrowser.SignInAsync(page, server.BaseAddress, StudioServer.AgentKey);

        await StudioBrowser.OpenDesignerAsync(page, server.BaseAddress, "refund-keyword", "RefundMentioned");

        await page.Locator("text=read-only mode").First.WaitForAsync();
        await StudioBrowser.ScreenshotAsync(page, "designer-agent-read-only");
        Assert.Equal(0, await page.Locator(PublishButton).CountAsync());
    }

    /// <summary>
    /// Monaco is not in the page: the designer loads it when it first makes an editor (designer-monaco.js), and not before
    /// the policy is drawn, where its 0.7 MB of script held back the first node by about a second.
    /// </summary>
    [ChromiumFact]
    public async Task Monaco_loads_once_the_policy_is_drawn_and_BlazorMonaco_still_makes_its_editors()
    {
        var page = await browser.NewPageAsync();
        await page.AddInitScriptAsync("""
            new MutationObserver((_, observer) => {
              if (!document.querySelector(".x6-node")) return;
              window.firstNodeDrawnAt = performance.now();
              observer.disconnect();
            }).observe(document, { childList: true, subtree: true });
            """);
        await StudioBrowser.SignInAsync(page, server.BaseAddress, StudioServer.ManagerKey);
        await StudioBrowser.OpenDesignerAsync(page, server.BaseAddress, "refund-keyword", "RefundMentioned");

        // The properties panel makes an expression editor as the designer opens: BlazorMonaco waited for Monaco and made it.
        await page.Locator(".studio-expression-input-monaco-editor .monaco-editor").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        Assert.True(await page.EvaluateAsync<bool>("() => window.monaco.editor.getEditors().length > 0"));
        var times = await page.EvaluateAsync<double[]>("""
            () => {
              const resources = performance.getEntriesByType("resource");
              const first = part => Math.min(...resources.filter(r => r.name.includes(part)).map(r => r.startTime));
              return [window.firstNodeDrawnAt, first("/elsa/api/"), first("/monaco-editor/")];
            }
            """);
        var (firstNode, firstApiCall, firstMonacoFile) = (times[0], times[1], times[2]);
        Assert.InRange(firstApiCall, 0, firstNode);
        Assert.True(firstMonacoFile >= firstNode, $"Monaco was asked for at {firstMonacoFile:0} ms, the first node drawn at {firstNode:0} ms");
    }

    [ChromiumFact]
    public async Task The_designer_loads_only_from_this_server_and_gets_Brotli()
    {
        var page = await browser.NewPageAsync();
        // Playwright raises its events on its own threads while the page keeps loading: the test reads these meanwhile.
        var foreign = new ConcurrentQueue<string>();
        var encodings = new ConcurrentDictionary<string, string?>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(server.BaseAddress.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal)
                && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                foreign.Enqueue(request.Url);
            }
        };
        page.Response += (_, response) => encodings[response.Url] = response.Headers.GetValueOrDefault("content-encoding");
        var refused = StudioBrowser.WatchContentSecurityPolicy(page);
        await StudioBrowser.SignInAsync(page, server.BaseAddress, StudioServer.ManagerKey);

        var designer = await page.GotoAsync(new Uri(server.BaseAddress, "studio/workflows/refund-keyword").ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Locator("text=RefundMentioned").First.WaitForAsync();

        Assert.Contains("'wasm-unsafe-eval'", await designer!.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        Assert.True(refused.Count == 0, string.Join(Environment.NewLine, refused));
        Assert.Empty(foreign);
        var wasm = encodings.Where(e => e.Key.EndsWith(".wasm", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(wasm);
        Assert.All(wasm, e => Assert.Equal("br", e.Value));
    }

    [ChromiumFact]
    public async Task A_second_policy_opens_in_the_running_designer_without_reloading_it()
    {
        using (var api = server.ClientWithKey(StudioServer.ManagerKey))
        {
            await ElsaApi.ImportCopy(api, RefundKeywordFile, "switch-target", "Switch target",
                copy => copy["root"]!["activities"]![0]!["name"] = "ChargebackMentioned");
        }

        var page = await browser.NewPageAsync();
        await StudioBrowser.SignInAsync(page, server.BaseAddress, StudioServer.ManagerKey);
        await StudioBrowser.OpenDesignerAsync(page, server.BaseAddress, "refund-keyword", "RefundMentioned");
        await page.EvaluateAsync("() => { window.designerBootedOnce = true; }");

        await page.SelectOptionAsync("#policy-switch", "switch-target");
        await page.Locator("text=ChargebackMentioned").First.WaitForAsync();

        Assert.True(await page.EvaluateAsync<bool>("() => window.designerBootedOnce === true"), "the page was loaded again");
        Assert.EndsWith("/studio/workflows/switch-target", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("text=RefundMentioned").CountAsync());
        await page.GoBackAsync(new PageGoBackOptions { WaitUntil = WaitUntilState.Commit });
        await page.Locator("text=RefundMentioned").First.WaitForAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.designerBootedOnce === true"), "going back loaded the page again");
    }

    private static readonly string RefundKeywordFile = Path.Combine(AppContext.BaseDirectory, "Studio", "Policies", "refund-keyword.json");

    private async Task ImportSampleAsync(string definitionId, string name, string eventName)
    {
        using var api = server.ClientWithKey(StudioServer.ManagerKey);
        await ElsaApi.ImportCopy(api, RefundKeywordFile, definitionId, name,
            copy => copy["root"]!["activities"]![0]!["eventName"]!["expression"]!["value"] = eventName);
    }

    /// <summary>Clicks the middle of a node, as a person does (X6 draws the node's label over its hit area).</summary>
    /// <summary>
    /// Clicks the node until the designer selects it: on a busy machine the canvas may still move (a panel opening, the
    /// last fit) between reading the node's box and the click, which then lands beside it.
    /// </summary>
    private static async Task ClickNodeAsync(IPage page, string id)
    {
        var selected = page.Locator($".x6-node.x6-node-selected[data-cell-id=\"{id}\"]");
        for (var attempt = 1; ; attempt++)
        {
            var node = (await page.Locator($".x6-node[data-cell-id=\"{id}\"]").BoundingBoxAsync())!;
            await page.Mouse.ClickAsync(node.X + node.Width / 2, node.Y + node.Height / 2);
            try
            {
                await selected.WaitForAsync(new LocatorWaitForOptions { Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 5)
            {
            }
        }
    }

    private static Task<string[]> NodeIdsAsync(IPage page) =>
        page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('.x6-node[data-cell-id]')).map(e => e.getAttribute('data-cell-id'))");

    private static async Task<string> WaitForNewNodeAsync(IPage page, IReadOnlyList<string> before)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var added = (await NodeIdsAsync(page)).Except(before).ToList();
            if (added.Count == 1)
            {
                return added[0];
            }

            await page.WaitForTimeoutAsync(100);
        }
        throw new Xunit.Sdk.XunitException("no activity appeared on the canvas after the drop");
    }

    /// <summary>Draws a connection the way a person does: press on a port, move, release on the other.</summary>
    private static async Task DragAsync(IPage page, string fromSelector, string toSelector)
    {
        var from = (await page.Locator(fromSelector).BoundingBoxAsync())!;
        var to = (await page.Locator(toSelector).BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(from.X + from.Width / 2, from.Y + from.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((from.X + to.X) / 2, (from.Y + to.Y) / 2, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.MoveAsync(to.X + to.Width / 2, to.Y + to.Height / 2, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.UpAsync();
    }
}
