using System.Net;
using System.Text.RegularExpressions;

namespace EscalationStudio.Server.Tests.HealthFigures;

/// <summary>
/// The managers' dashboard (<c>/manage/health</c>) and its ticket lists as HTML, on the hand-built history of
/// <see cref="SeededHealthServer"/>: the same figures as the API, the cuts in the URL, agents refused, bad cuts named.
/// </summary>
public sealed partial class HealthDashboardPageTests(SeededHealthServer server) : IClassFixture<SeededHealthServer>
{
    private readonly HttpClient _manager = server.ClientWithKey(EscalationServer.ManagerKey);

    [Fact]
    public async Task Dashboard_shows_each_tile_with_the_counts_the_api_answers()
    {
        var html = await PageAsync("/manage/health");
        var api = await (await _manager.GetAsync("/api/metrics/escalation")).ReadObjectAsync();

        Assert.Equal((3, 5), Counts(html, "escalation-rate"));
        Assert.Equal(((int)api["figures"]!["escalationRate"]!["numerator"]!, (int)api["figures"]!["escalationRate"]!["denominator"]!), Counts(html, "escalation-rate"));
        Assert.Equal((1, 3), Counts(html, "de-escalation-rate"));
        Assert.Equal((1, 1), Counts(html, "first-tier-resolution"));
        Assert.Equal((1, 5), Counts(html, "bounce"));
        Assert.Equal((3, 3), Counts(html, "manual-escalations"));
        Assert.Contains("class=\"tile band-above\" id=\"tile-escalation-rate\"", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"tile-value\">60 %</div>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_draws_the_healthy_band_and_one_point_per_week_outside_it()
    {
        var html = await PageAsync("/manage/health?period=week");

        Assert.Contains("class=\"healthy-band\" data-low=\"0.1\" data-high=\"0.2\"", html, StringComparison.Ordinal);
        var points = PointPattern().Matches(html).Select(m => (m.Groups["period"].Value, m.Groups["share"].Value, m.Groups["outside"].Success)).ToList();
        // The escalation-rate chart comes first: 2 of 3 in the week of the 23rd, 1 of 2 in the week of the 30th.
        Assert.Equal(("2026-11-23", "0.667", true), points[0]);
        Assert.Equal(("2026-11-30", "0.5", true), points[1]);
        Assert.Contains("<tr data-from=\"tier-1\" data-to=\"tier-2\">", html, StringComparison.Ordinal);
        Assert.Matches(new Regex("data-to=\"tier-2\">.*?<td class=\"escalations\">3</td>\\s*<td class=\"de-escalations\">0</td>", RegexOptions.Singleline), html);
        // Tiers read as the org directory names them; the ids stay in the rows' data for links and scripts.
        var text = WebUtility.HtmlDecode(html);
        Assert.Matches(new Regex("data-to=\"tier-2\">\\s*<td>Tier 1 — Frontline</td>\\s*<td>→ Tier 2 — Technical support</td>"), text);
        Assert.Matches(new Regex("<tr data-tier=\"tier-2\">\\s*<td>Tier 2 — Technical support</td>"), text);
    }

    [Fact]
    public async Task Cuts_in_the_url_cut_the_figures_as_the_api_does_and_stay_selected_in_the_form()
    {
        var html = await PageAsync("/manage/health?period=day&from=&to=&tier=tier-2&agent=&policy=&priority=&channel=&vip=false");

        Assert.Equal((2, 3), Counts(html, "escalation-rate"));
        Assert.Contains("<option value=\"tier-2\" selected", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"false\" selected", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"day\" selected", html, StringComparison.Ordinal);
        // The links behind the tile carry the same cuts, for the ticket list.
        Assert.Contains("href=\"/manage/health/tickets?wasInTier=tier-2&amp;vip=false&amp;figure=escalation-rate&amp;side=numerator\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tile_links_to_the_tickets_it_counted_each_opening_at_the_desk()
    {
        var html = await PageAsync("/manage/health/tickets?wasInTier=tier-2&vip=false&figure=escalation-rate&side=numerator");

        Assert.Contains("<span id=\"ticket-count\">2</span>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/desk/tickets/{server.A}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/desk/tickets/{server.C}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/desk/tickets/{server.D}\"", html, StringComparison.Ordinal);
        Assert.Contains("Escalation rate: escalated tickets", html, StringComparison.Ordinal);

        var denominator = await PageAsync("/manage/health/tickets?wasInTier=tier-2&vip=false&figure=escalation-rate&side=denominator");
        Assert.Contains("<span id=\"ticket-count\">3</span>", denominator, StringComparison.Ordinal);
        Assert.Contains($"href=\"/desk/tickets/{server.D}\"", denominator, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_is_refused_the_dashboard_and_its_lists_and_does_not_see_the_entry()
    {
        var agent = server.ClientWithKey(EscalationServer.Tier1AgentKey);

        var dashboard = await agent.GetAsync("/manage/health");
        Assert.Equal(HttpStatusCode.Forbidden, dashboard.StatusCode);
        var refused = await dashboard.Content.ReadAsStringAsync();
        Assert.Contains("id=\"refused\"", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("tile-escalation-rate", refused, StringComparison.Ordinal);

        var list = await agent.GetAsync("/manage/health/tickets?figure=escalation-rate");
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.DoesNotContain("/desk/tickets/", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.DoesNotContain("href=\"/manage/health\"", await (await agent.GetAsync("/desk")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("href=\"/manage/health\"", await PageAsync("/desk"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_out_the_dashboard_sends_to_sign_in_and_back()
    {
        var anonymous = server.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync("/manage/health?period=day");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/studio/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("ReturnUrl=%2Fmanage%2Fhealth%3Fperiod%3Dday", response.Headers.Location!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_cuts_answer_400_naming_each_field()
    {
        var response = await _manager.GetAsync("/manage/health?period=fortnight&from=yesterday&vip=maybe");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("period: ", html, StringComparison.Ordinal);
        Assert.Contains("from: 'yesterday' is not a date", html, StringComparison.Ordinal);
        Assert.Contains("vip: 'maybe' is not one of true, false", html, StringComparison.Ordinal);

        var list = await _manager.GetAsync("/manage/health/tickets?figure=sla-breached&page=abc");
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        Assert.Contains("page: 'abc' is not a page number", WebUtility.HtmlDecode(await list.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var keyless = await _manager.GetAsync("/manage/health/tickets?figure=sla-breached");
        Assert.Equal(HttpStatusCode.BadRequest, keyless.StatusCode);
        Assert.Contains("key: the figure 'sla-breached' needs the key", WebUtility.HtmlDecode(await keyless.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    private async Task<string> PageAsync(string url)
    {
        var response = await _manager.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {html}");
        return html;
    }

    private static (int Numerator, int Denominator) Counts(string html, string tile)
    {
        var match = Regex.Match(html, $"id=\"tile-{tile}\" data-numerator=\"(\\d+)\" data-denominator=\"(\\d+)\"");
        Assert.True(match.Success, $"no tile {tile}");
        var shown = Regex.Match(html[match.Index..], "<a class=\"numerator\"[^>]*>(\\d+)</a> of\\s*<a class=\"denominator\"[^>]*>(\\d+)</a>");
        Assert.Equal(match.Groups[1].Value, shown.Groups[1].Value);
        Assert.Equal(match.Groups[2].Value, shown.Groups[2].Value);
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("<circle class=\"point(?<outside> outside)?\"[^>]*data-period=\"(?<period>[0-9-]+)\" data-share=\"(?<share>[0-9.]+)\"")]
    private static partial Regex PointPattern();
}
