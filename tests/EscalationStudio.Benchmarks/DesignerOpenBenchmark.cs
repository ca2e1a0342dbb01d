using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace EscalationStudio.Benchmarks;

/// <summary>
/// How long a manager waits for a policy to show in the designer (<c>-- designer-open</c>): the real server as a child
/// process (<see cref="HttpLoadServer"/> with the sample policies and no tickets) on 127.0.0.1, headless Chromium
/// (ESCALATION_TEST_CHROMIUM, else /usr/bin/chromium) driven by Playwright. Each round signs in with a new browser
/// profile (empty cache) and times navigation → the first node of the policy drawn on the canvas: cold (first visit),
/// warm (reload, with the cache the first visit filled) and a switch to a second policy through the picker. A profile
/// on disk rather than an incognito context, so the warm figure has the HTTP and WebAssembly code caches a person's
/// browser has. DESIGNER_OPEN_ROUNDS rounds (default 3); prints one JSON line with every figure and the load average.
/// </summary>
internal static class DesignerOpenBenchmark
{
    // Two shipped samples and a node each draws; the switch waits for the second's, which the first does not have.
    private const string FirstPolicy = "first-response-ladder";
    private const string SecondPolicy = "open-too-long";

    // Resource Timing: what the page loaded, how much came over the wire (transferSize 0: from the cache without asking),
    // and when (ms after navigation) the runtime's files were all in and the designer first asked the API for something.
    private const string ResourcesScript = """
        () => {
          const all = performance.getEntriesByType("resource");
          const at = (list, pick) => list.length === 0 ? null : Math.round(pick(...list));
          return {
            requests: all.length,
            fromCache: all.filter(r => r.transferSize === 0).length,
            transferredKb: Math.round(all.reduce((sum, r) => sum + r.transferSize, 0) / 1024),
            frameworkLoadedMs: at(all.filter(r => r.name.includes("/_framework/")).map(r => r.responseEnd), Math.max),
            firstApiCallMs: at(all.filter(r => r.name.includes("/elsa/api/")).map(r => r.startTime), Math.min),
          };
        }
        """;

    // DESIGNER_OPEN_TRACE=1: every request of the cold load, when it started and ended (ms after navigation) and its size.
    private const string TraceScript = """
        () => performance.getEntriesByType("resource")
          .map(r => `${Math.round(r.startTime)}\t${Math.round(r.responseEnd)}\t${r.transferSize}\t${r.name}`).join("\n")
        """;

    public static async Task RunAsync()
    {
        var rounds = RuntimeBenchmark.Setting("DESIGNER_OPEN_ROUNDS", 3);
        var chromium = Environment.GetEnvironmentVariable("ESCALATION_TEST_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        var firstNode = FirstActivityId(FirstPolicy);
        var secondNode = FirstActivityId(SecondPolicy);
        Console.WriteLine($"Designer open: {rounds} rounds of cold, warm (reload) and switch ({FirstPolicy} → {SecondPolicy}) in {chromium}; load average {LoadAverage()}");

        await using var server = await HttpLoad.ServerProcess.StartAsync("Sqlite", null, tickets: 1);
        using var playwright = await Playwright.CreateAsync();
        var cold = new List<double>();
        var warm = new List<double>();
        var switches = new List<double>();
        PageResources? coldResources = null;
        PageResources? warmResources = null;
        for (var round = 0; round < rounds; round++)
        {
            var profile = Directory.CreateTempSubdirectory("designer-open-");
            try
            {
                await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile.FullName, new BrowserTypeLaunchPersistentContextOptions
                {
                    ExecutablePath = chromium,
                    Headless = true,
                    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
                    ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
                });
                browser.SetDefaultTimeout(120_000);
                // The default buffer (250 entries) is smaller than what the designer loads.
                await browser.AddInitScriptAsync("performance.setResourceTimingBufferSize(5000)");
                var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
                var revalidated = 0;
                page.Response += (_, response) =>
                {
                    if (response.Status == 304)
                    {
                        Interlocked.Increment(ref revalidated);
                    }
                };
                await SignInAsync(page, server.Address);

                var designer = new Uri(server.Address, $"studio/workflows/{FirstPolicy}").ToString();
                cold.Add(await TimeAsync(() => page.GotoAsync(designer, new PageGotoOptions { WaitUntil = WaitUntilState.Commit }), page, firstNode));
                if (Environment.GetEnvironmentVariable("DESIGNER_OPEN_TRACE") == "1")
                {
                    Console.WriteLine(await page.EvaluateAsync<string>(TraceScript));
                }

                coldResources = await ResourcesAsync(page) with { Revalidated = Interlocked.Exchange(ref revalidated, 0) };
                warm.Add(await TimeAsync(() => page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.Commit }), page, firstNode));
                warmResources = await ResourcesAsync(page) with { Revalidated = Interlocked.Exchange(ref revalidated, 0) };
                switches.Add(await TimeAsync(() => page.SelectOptionAsync("#policy-switch", SecondPolicy), page, secondNode));
                Console.WriteLine($"round {round + 1}: cold {cold[^1]:N0} ms, warm {warm[^1]:N0} ms, switch {switches[^1]:N0} ms; load average {LoadAverage()}");
            }
            finally
            {
                profile.Delete(recursive: true);
            }
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "designer-open",
            rounds,
            coldMs = Summary(cold),
            warmMs = Summary(warm),
            switchMs = Summary(switches),
            coldResources,
            warmResources,
            loadAverage = LoadAverage(),
            cores = Environment.ProcessorCount,
        }, JsonSerializerOptions.Web));
    }

    private static async Task SignInAsync(IPage page, Uri server)
    {
        await page.GotoAsync(new Uri(server, "studio/sign-in").ToString());
        await page.FillAsync("#key", HttpLoadServer.Key);
        await page.ClickAsync("button[type=submit]");
        // As the browser tests sign in (StudioBrowser.SignInAsync): asks the page where it is, since a wait on a load state
        // after the sign-in's redirect hung for minutes on clean-clone runs.
        await page.WaitForFunctionAsync("() => !location.pathname.includes('/studio/sign-in')", null,
            new PageWaitForFunctionOptions { PollingInterval = 100 });
    }

    /// <summary>From the action (a navigation or the picker's change) until the node is on the canvas, in ms.</summary>
    private static async Task<double> TimeAsync(Func<Task> action, IPage page, string nodeId)
    {
        var watch = Stopwatch.StartNew();
        await action();
        await page.Locator($".x6-node[data-cell-id=\"{nodeId}\"]").WaitForAsync();
        return Math.Round(watch.Elapsed.TotalMilliseconds);
    }

    private static Task<PageResources> ResourcesAsync(IPage page) => page.EvaluateAsync<PageResources>(ResourcesScript);

    private static string FirstActivityId(string definitionId)
    {
        var file = Path.Combine(RuntimeHost.RepositoryFolder(), "workflows", "escalation", definitionId + ".json");
        return JsonNode.Parse(File.ReadAllText(file))!["root"]!["activities"]![0]!["id"]!.GetValue<string>();
    }

    private static object Summary(List<double> values)
    {
        var sorted = values.Order().ToList();
        return new { median = sorted[sorted.Count / 2], min = sorted[0], max = sorted[^1], all = values };
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";

    /// <summary>What one page load fetched; Revalidated counts the 304 answers (asked, and the cached copy kept).</summary>
    private sealed record PageResources
    {
        public int Requests { get; init; }

        public int FromCache { get; init; }

        public int Revalidated { get; init; }

        public int TransferredKb { get; init; }

        public double? FrameworkLoadedMs { get; init; }

        public double? FirstApiCallMs { get; init; }
    }
}
