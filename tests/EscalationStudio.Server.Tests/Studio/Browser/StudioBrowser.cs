using Microsoft.Playwright;

namespace EscalationStudio.Server.Tests.Studio.Browser;

/// <summary>
/// Headless Debian Chromium driven by Playwright (never `playwright install`: the system browser is used), plus the
/// steps every designer test takes: sign in, open a policy, wait for the canvas.
/// </summary>
public sealed class StudioBrowser : IAsyncLifetime
{
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("ESCALATION_TEST_CHROMIUM") is { Length: > 0 } configured
        ? configured
        : "/usr/bin/chromium";

    /// <summary>Screenshots for people to look at; outside the repository on purpose.</summary>
    public static readonly string ScreenshotFolder = Path.Combine(Path.GetTempPath(), "escalation-studio-screenshots");

    private IPlaywright? playwright;
    private IBrowser? browser;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        // The designer boots a .NET WebAssembly runtime; on a busy 2-core CI machine that alone can take most of a minute.
        context.SetDefaultTimeout(120_000);
        return await context.NewPageAsync();
    }

    public static async Task SignInAsync(IPage page, Uri server, string key)
    {
        await page.GotoAsync(new Uri(server, "studio/sign-in").ToString());
        await page.FillAsync("#key", key);
        await page.ClickAsync("button[type=submit]");
        // Asks the page where it is instead of waiting for a load state: clean-clone runs timed out here after two minutes
        // with the next page idle, waiting on 'commit' and then on its document. Each test waits for what it reads anyway.
        await page.WaitForFunctionAsync("() => !location.pathname.includes('/studio/sign-in')", null,
            new PageWaitForFunctionOptions { PollingInterval = 100 });
    }

    /// <summary>
    /// Waits until the browser is on a page whose address <paramref name="url"/> accepts, up to its document: on a busy CI
    /// machine the page's scripts, styles and fonts may take far longer than the page itself (the load event then never
    /// came within two minutes), and each test waits for the elements it reads anyway.
    /// </summary>
    public static Task WaitForPageAsync(IPage page, Func<string, bool> url) =>
        page.WaitForURLAsync(url, new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 120_000 });

    /// <summary>
    /// Opens a page behind sign-in as a person would: the server sends the browser to sign in, and back to the page once
    /// the key is accepted. The waits end at the document, not the load event: on a busy CI machine the page's scripts and
    /// styles may take longer than the page itself, and each test waits for the elements it reads anyway.
    /// </summary>
    public static async Task SignInThroughAsync(IPage page, Uri server, string path, string key)
    {
        await page.GotoAsync(new Uri(server, path).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 120_000 });
        Assert.Contains("/studio/sign-in", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#key", key);
        await page.ClickAsync("button[type=submit]");
        await WaitForPageAsync(page, url => new Uri(url).AbsolutePath.TrimEnd('/').EndsWith('/' + path.Trim('/'), StringComparison.Ordinal));
    }

    /// <summary>
    /// Opens the designer on a policy and waits until the named activity is drawn and the view is fitted to the policy:
    /// a step clicked where it was drawn before the fit would be missed.
    /// </summary>
    public static async Task OpenDesignerAsync(IPage page, Uri server, string definitionId, string activityName)
    {
        await page.GotoAsync(new Uri(server, $"studio/workflows/{definitionId}").ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Locator($"text={activityName}").First.WaitForAsync();
        await page.Locator($"[data-fitted-for=\"{definitionId}\"]").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    /// <summary>What Chromium refuses under the page's Content-Security-Policy, as it reports it in the console.</summary>
    public static List<string> WatchContentSecurityPolicy(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (violations)
                {
                    violations.Add($"{message.Text} (at {message.Location})");
                }
            }
        };
        return violations;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png") });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
