using EscalationStudio.Server.Tests.Studio.Browser;
using EscalationStudio.Testing;
using Microsoft.Playwright;

namespace EscalationStudio.Server.Tests.HealthFigures;

/// <summary>The hand-built history of <see cref="SeededHealthServer"/> on Kestrel, for the dashboard in Chromium.</summary>
public sealed class DashboardServer : EscalationServer, IAsyncLifetime
{
    public Uri BaseAddress { get; private set; } = null!;

    public string A { get; private set; } = "";

    public string C { get; private set; } = "";

    public async Task InitializeAsync()
    {
        BaseAddress = this.StartOnLoopback();
        using var admin = BaseAddress.WithApiKey(AdminKey);
        (A, _, C, _, _) = await SeededHealthServer.SeedAsync(admin, Clock);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

/// <summary>
/// A manager in headless Chromium: signs in, opens Escalation health from the navigation, reads the tiles and the
/// healthy band, cuts the figures (the cuts land in the URL), and follows a tile to its tickets and on to the desk.
/// An agent sees no entry and is refused.
/// </summary>
public sealed class HealthDashboardBrowserTests(DashboardServer server, StudioBrowser browser) : IClassFixture<DashboardServer>, IClassFixture<StudioBrowser>
{
    [ChromiumFact]
    public async Task A_manager_reads_the_tiles_and_band_cuts_the_figures_and_follows_a_tile_to_its_tickets()
    {
        var page = await browser.NewPageAsync();
        page.Context.SetDefaultTimeout(30_000);
        var refused = StudioBrowser.WatchContentSecurityPolicy(page);
        var outside = new List<string>();
        page.Request += (_, request) =>
        {
            if (Uri.TryCreate(request.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "ws" && url.Authority != server.BaseAddress.Authority)
            {
                outside.Add(request.Url);
            }
        };

        await StudioBrowser.SignInThroughAsync(page, server.BaseAddress, "manage/health", EscalationServer.ManagerKey);
        Assert.Equal("Escalation health", await page.Locator("nav.product-nav a.active").InnerTextAsync());

        var rate = page.Locator("#tile-escalation-rate");
        Assert.Equal("60 %", await rate.Locator(".tile-value").InnerTextAsync());
        Assert.Equal("3", await rate.Locator("a.numerator").InnerTextAsync());
        Assert.Equal("5", await rate.Locator("a.denominator").InnerTextAsync());
        Assert.Contains("Above the healthy band", await rate.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("1", await page.Locator("#tile-de-escalation-rate a.numerator").InnerTextAsync());
        Assert.Equal("3", await page.Locator("#tile-de-escalation-rate a.denominator").InnerTextAsync());

        var band = page.Locator("#escalation-trend rect.healthy-band");
        Assert.Equal("0.1", await band.GetAttributeAsync("data-low"));
        Assert.Equal("0.2", await band.GetAttributeAsync("data-high"));
        var box = await band.BoundingBoxAsync();
        Assert.True(box is { Height: > 10, Width: > 100 }, $"the band is drawn too small to see: {box?.Width}x{box?.Height}");
        Assert.Equal(2, await page.Locator("#escalation-trend circle.point.outside").CountAsync());
        Assert.Equal("3", await page.Locator(".tier-flow tr[data-from=tier-1][data-to=tier-2] td.escalations").InnerTextAsync());
        await StudioBrowser.ScreenshotAsync(page, "health-dashboard");

        await page.SelectOptionAsync("#filter-tier", "tier-2");
        await page.SelectOptionAsync("#filter-vip", "false");
        await page.ClickAsync("#apply-filters");
        await StudioBrowser.WaitForPageAsync(page, url => url.Contains("vip=false", StringComparison.Ordinal) && url.Contains("tier=tier-2", StringComparison.Ordinal));
        await page.Locator("#tile-escalation-rate a.denominator:text-is(\"3\")").WaitForAsync();
        Assert.Equal("2", await page.Locator("#tile-escalation-rate a.numerator").InnerTextAsync());

        // The URL is the view: opened afresh, it shows the same cuts.
        await page.GotoAsync(page.Url);
        Assert.Equal("2", await page.Locator("#tile-escalation-rate a.numerator").InnerTextAsync());
        Assert.Equal("tier-2", await page.Locator("#filter-tier").InputValueAsync());

        await page.Locator("#tile-escalation-rate a.numerator").ClickAsync();
        await StudioBrowser.WaitForPageAsync(page, url => url.Contains("/manage/health/tickets", StringComparison.Ordinal));
        Assert.Equal("2", await page.Locator("#ticket-count").InnerTextAsync());
        Assert.Equal(2, await page.Locator(".figure-tickets tbody tr[data-ticket-id]").CountAsync());
        await StudioBrowser.ScreenshotAsync(page, "health-dashboard-tickets");

        await page.Locator($"tr[data-ticket-id=\"{server.C}\"] a.case-link").ClickAsync();
        await StudioBrowser.WaitForPageAsync(page, url => url.EndsWith($"/desk/tickets/{server.C}", StringComparison.Ordinal));
        // The URL changes before the enhanced navigation has swapped the page in: wait for the case itself.
        await page.Locator("h1:text-is(\"C\")").WaitForAsync();
        Assert.True(refused.Count == 0, string.Join(Environment.NewLine, refused));
        Assert.True(outside.Count == 0, string.Join(Environment.NewLine, outside));
    }

    [ChromiumFact]
    public async Task An_agent_sees_no_dashboard_entry_and_is_refused_it()
    {
        var page = await browser.NewPageAsync();
        page.Context.SetDefaultTimeout(30_000);
        await StudioBrowser.SignInAsync(page, server.BaseAddress, EscalationServer.Tier1AgentKey);
        await page.GotoAsync(new Uri(server.BaseAddress, "desk").ToString());
        Assert.Equal(0, await page.Locator("nav.product-nav a:text-is(\"Escalation health\")").CountAsync());

        var response = await page.GotoAsync(new Uri(server.BaseAddress, "manage/health").ToString());

        Assert.Equal(403, response!.Status);
        Assert.Contains("for managers and admins", await page.Locator("#refused").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator(".tile").CountAsync());
    }
}
