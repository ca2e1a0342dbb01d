using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace EscalationStudio.Server.Tests.Studio.Browser;

/// <summary>What a manager sees when a policy opens (all of it, readable) and after Auto layout.</summary>
[Collection(StudioServerCollection.Name)]
public sealed class DesignerViewBrowserTests(StudioServer server, StudioBrowser browser) : IClassFixture<StudioBrowser>
{
    // Each drawn step (its box with its ports and their labels) against the canvas and the other steps, as the browser
    // lays them out: what is cut off by the canvas's edge, and which steps cover part of another.
    private const string ViewProblemsScript = """
        () => {
          const canvas = document.querySelector(".x6-graph").getBoundingClientRect();
          const steps = Array.from(document.querySelectorAll(".x6-node[data-cell-id]"))
            .map(node => ({ id: node.getAttribute("data-cell-id"), box: node.getBoundingClientRect() }));
          const problems = [];
          for (const { id, box } of steps) {
            if (box.left < canvas.left || box.top < canvas.top || box.right > canvas.right || box.bottom > canvas.bottom)
              problems.push(`${id} is cut off by the canvas's edge`);
          }
          for (const [i, a] of steps.entries()) {
            for (const b of steps.slice(i + 1)) {
              if (a.box.left < b.box.right && b.box.left < a.box.right && a.box.top < b.box.bottom && b.box.top < a.box.bottom)
                problems.push(`${a.id} and ${b.id} overlap`);
            }
          }
          return { ids: steps.map(s => s.id), problems };
        }
        """;

    [ChromiumFact]
    public async Task Every_shipped_policy_opens_with_all_its_steps_and_port_labels_in_view_and_none_over_another()
    {
        var samples = Directory.GetFiles(Path.Combine(Repository.Root, "workflows", "escalation"), "*.json")
            .Select(file => JsonNode.Parse(File.ReadAllText(file))!)
            .Select(policy => (Id: (string)policy["definitionId"]!, Steps: policy["root"]!["activities"]!.AsArray().Select(a => (string)a!["id"]!).ToHashSet()))
            .OrderByDescending(sample => sample.Steps.Count)
            .ToList();
        var page = await browser.NewPageAsync();
        await StudioBrowser.SignInAsync(page, server.BaseAddress, StudioServer.ManagerKey);
        // The widest first, opened as a page; the others through the picker, in the designer already running.
        await StudioBrowser.OpenDesignerAsync(page, server.BaseAddress, samples[0].Id, samples[0].Steps.First());

        foreach (var (id, steps) in samples)
        {
            if (id != samples[0].Id)
            {
                await page.SelectOptionAsync("#policy-switch", id);
            }

            var view = await WaitForViewAsync(page, steps);
            await StudioBrowser.ScreenshotAsync(page, "designer-view-" + id);
            Assert.True(view.Problems.Length == 0, $"{id}: {string.Join("; ", view.Problems)}");
        }
    }

    [ChromiumFact]
    public async Task Auto_layout_folds_a_long_chain_into_rows_that_read_left_to_right_and_the_draft_keeps_them()
    {
        // The longest sample (six steps) under another id, so the other tests' policy stays as it is.
        using var api = server.ClientWithKey(StudioServer.ManagerKey);
        var sample = await ElsaApi.ImportCopy(api, Path.Combine(Repository.Root, "workflows", "escalation", "retention-fast-lane.json"), "layout-rows", "Layout rows");
        var steps = sample["root"]!["activities"]!.AsArray().Select(a => (string)a!["id"]!).ToHashSet();
        var page = await browser.NewPageAsync();
        await StudioBrowser.SignInAsync(page, server.BaseAddress, StudioServer.ManagerKey);
        await StudioBrowser.OpenDesignerAsync(page, server.BaseAddress, "layout-rows", "MoneyOrLaw");
        await WaitForViewAsync(page, steps);

        // The designer's toolbar: Fit, Center, Auto layout. Auto layout saves the draft (auto-save is on), in one row
        // first (Elsa's dagre), then in rows once the steps are measured.
        await page.Locator(".mud-toolbar button.mud-icon-button").Nth(2).ClickAsync();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        List<(double X, double Y, double Width)> boxes;
        while (true)
        {
            var draft = await ElsaApi.GetJson(api, "elsa/api/workflow-definitions/by-definition-id/layout-rows?versionOptions=Latest");
            boxes = draft["root"]!["activities"]!.AsArray().Select(a => a!["metadata"]!["designer"]!).Select(d => (
                X: (double)d["position"]!["x"]!, Y: (double)d["position"]!["y"]!, Width: (double)d["size"]!["width"]!)).ToList();
            if ((boxes.Select(b => b.Y).Distinct().Count() >= 2 && (int)draft["version"]! > 1) || waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                break;
            }

            await Task.Delay(200);
        }

        var rows = boxes.GroupBy(b => b.Y).ToList();
        Assert.True(rows.Count >= 2, $"one row: {string.Join(", ", boxes)}");
        Assert.All(rows, row => Assert.InRange(row.Max(b => b.X + b.Width) - row.Min(b => b.X), 0, 1000));
        var filePositions = sample["root"]!["activities"]!.AsArray().Select(a => ((double)a!["metadata"]!["designer"]!["position"]!["x"]!, (double)a["metadata"]!["designer"]!["position"]!["y"]!));
        Assert.NotEqual(filePositions, boxes.Select(b => (b.X, b.Y)));
        var view = await WaitForViewAsync(page, steps);
        await StudioBrowser.ScreenshotAsync(page, "designer-auto-layout");
        Assert.True(view.Problems.Length == 0, string.Join("; ", view.Problems));
    }

    [ChromiumFact]
    public async Task The_first_step_dropped_on_a_new_policy_stays_where_it_was_dropped()
    {
        var page = await browser.NewPageAsync();
        await StudioBrowser.SignInAsync(page, server.BaseAddress, StudioServer.ManagerKey);
        // The policy list's New policy makes an empty flowchart and opens it in the designer.
        await page.Locator("button:has-text(\"New policy\")").ClickAsync();
        await StudioBrowser.WaitForPageAsync(page, url => url.Contains("/studio/workflows/", StringComparison.Ordinal));
        var definitionId = Uri.UnescapeDataString(new Uri(page.Url).Segments[^1]);
        // An empty policy has nothing to fit: the view says so once it has asked the API, before any step is dropped.
        await page.Locator($"[data-fitted-for=\"{definitionId}\"][data-view-checked=\"0\"]").First
            .WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        var viewport = page.Locator(".x6-graph-svg-viewport").First;
        var before = await viewport.GetAttributeAsync("transform");

        await page.ClickAsync("text=Console");
        var canvas = page.Locator(".x6-graph-svg").First;
        var box = (await canvas.BoundingBoxAsync())!;
        var drop = new TargetPosition { X = box.Width * 0.25f, Y = box.Height * 0.3f };
        await page.Locator("text=Write Line").First.DragToAsync(canvas, new LocatorDragToOptions { TargetPosition = drop });
        // The view has looked at the canvas with the new step on it: had it fitted, it would have moved by now.
        await page.Locator("[data-view-checked=\"1\"]").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await StudioBrowser.ScreenshotAsync(page, "designer-first-step-dropped");

        Assert.Equal(before, await viewport.GetAttributeAsync("transform"));
        var step = (await page.Locator(".x6-node").First.BoundingBoxAsync())!;
        var (x, y) = (box.X + drop.X, box.Y + drop.Y);
        Assert.True(Math.Abs(step.X + (step.Width / 2) - x) < step.Width && Math.Abs(step.Y + (step.Height / 2) - y) < step.Height,
            $"the step is drawn at ({step.X}, {step.Y}), {step.Width} x {step.Height}, away from where it was dropped ({x}, {y})");
    }

    /// <summary>Waits for the policy's steps to be drawn, then up to five seconds for the view to settle without a problem.</summary>
    private static async Task<ViewReport> WaitForViewAsync(IPage page, IReadOnlySet<string> steps)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan? drawnAt = null;
        while (true)
        {
            var view = await page.EvaluateAsync<ViewReport>(ViewProblemsScript);
            if (view.Ids.ToHashSet().SetEquals(steps))
            {
                drawnAt ??= waited.Elapsed;
                if (view.Problems.Length == 0 || waited.Elapsed - drawnAt > TimeSpan.FromSeconds(5))
                {
                    return view;
                }
            }
            else if (waited.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new Xunit.Sdk.XunitException($"the policy's steps were not drawn: {string.Join(", ", view.Ids)}");
            }

            await page.WaitForTimeoutAsync(100);
        }
    }

    // Playwright fills it by its properties.
    private sealed class ViewReport
    {
        public string[] Ids { get; set; } = [];

        public string[] Problems { get; set; } = [];
    }
}
