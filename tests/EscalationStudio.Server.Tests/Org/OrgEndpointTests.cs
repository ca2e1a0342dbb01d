using System.Net;
using System.Net.Http.Json;

namespace EscalationStudio.Server.Tests.Org;

public sealed class OrgEndpointTests(EscalationServer server) : IClassFixture<EscalationServer>
{
    [Fact]
    public async Task The_org_directory_lists_tiers_with_authority_agents_and_calendars()
    {
        var org = await (await server.ClientWithKey(EscalationServer.Tier1AgentKey).GetAsync("/api/org")).ReadObjectAsync();

        var tiers = org["tiers"]!.AsArray();
        Assert.Equal(["tier-1", "tier-2", "managers", "billing", "retention", "legal"], tiers.Select(t => (string?)t!["id"]));
        var tier1 = tiers[0]!;
        Assert.Equal("level", (string?)tier1["kind"]);
        Assert.Equal(50m, (decimal?)tier1["authority"]!["refundCap"]);
        Assert.False((bool)tier1["authority"]!["mayCloseVipTickets"]!);
        Assert.Equal("specialist", (string?)tiers[4]!["kind"]);
        Assert.Equal(40, org["agents"]!.AsArray().Count);
        var ana = org["agents"]!.AsArray().Single(a => (string?)a!["id"] == "ana.kovac")!;
        Assert.Equal("ana.kovac@brightline.example", (string?)ana["email"]);
        Assert.Equal("tier-1", (string?)ana["tier"]);
        var berlin = org["calendars"]!.AsArray().Single(c => (string?)c!["id"] == "emea-office")!;
        Assert.Equal("Europe/Berlin", (string?)berlin["timeZone"]);
        Assert.Equal("08:00", (string?)berlin["weeklyHours"]![0]!["opens"]);
        Assert.Equal("monday", (string?)berlin["weeklyHours"]![0]!["day"]);
        Assert.Contains(berlin["holidays"]!.AsArray(), h => (string?)h!["date"] == "2026-12-25");
    }

    [Fact]
    public async Task The_org_directory_says_where_each_tier_and_agent_gets_briefings_naming_webhooks_not_their_urls()
    {
        using var agent = server.ClientWithKey(EscalationServer.Tier1AgentKey);
        var org = await (await agent.GetAsync("/api/org")).ReadObjectAsync();

        var tiers = org["tiers"]!.AsArray().ToDictionary(t => (string)t!["id"]!, t => t!);
        Assert.Equal((true, "tier-2@brightline.example", "tier-2-room"),
            ((bool)tiers["tier-2"]["delivery"]!["desk"]!, (string?)tiers["tier-2"]["delivery"]!["email"], (string?)tiers["tier-2"]["delivery"]!["chat"]));
        Assert.Equal(("billing-team@brightline.example", null), ((string?)tiers["billing"]["delivery"]!["email"], (string?)tiers["billing"]["delivery"]!["chat"]));
        Assert.Equal("managers", (string?)tiers["billing"]["managedBy"]);
        Assert.Equal("managers", (string?)tiers["tier-1"]["managedBy"]);
        var katrin = org["agents"]!.AsArray().Single(a => (string?)a!["id"] == EscalationServer.Tier2Agent)!;
        Assert.Equal((true, "katrin.vogel@brightline.example", null), ((bool)katrin["delivery"]!["desk"]!, (string?)katrin["delivery"]!["email"], (string?)katrin["delivery"]!["chat"]));
        Assert.DoesNotContain("http", org.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Holidays_from_an_ics_feed_are_merged_into_the_calendar()
    {
        var org = await server.Admin().GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/org");

        var london = org!["calendars"]!.AsArray().Single(c => (string?)c!["id"] == "legal-office")!;
        var holidays = london["holidays"]!.AsArray().ToDictionary(h => (string)h!["date"]!, h => (string?)h!["name"]);
        Assert.Equal("Summer bank holiday", holidays["2027-08-30"]);
        Assert.Equal("Office closed (Christmas Eve)", holidays["2026-12-24"]);
    }

    [Fact]
    public async Task A_missing_holiday_feed_is_reported_on_reload_naming_the_calendar()
    {
        var feed = System.IO.Path.Combine(server.Root, "workflows", "org", "calendars", "uk-bank-holidays.ics");
        File.Move(feed, feed + ".moved");
        try
        {
            var problem = await (await server.Admin().PostAsync("/api/org/reload", null)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

            Assert.Contains("calendars[2].holidayFeeds[0]", (string?)problem["detail"]);
            Assert.Contains("does not exist", (string?)problem["detail"]);
        }
        finally
        {
            File.Move(feed + ".moved", feed);
            await server.Admin().PostAsync("/api/org/reload", null);
        }
    }
}

public sealed class OrgReloadTests(EscalationServer server) : IClassFixture<EscalationServer>
{
    [Fact]
    public async Task A_broken_file_is_reported_on_reload_and_health_while_the_previous_directory_stays()
    {
        var admin = server.Admin();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/org")).StatusCode);
        var original = await File.ReadAllTextAsync(server.OrgFile);
        await File.WriteAllTextAsync(server.OrgFile, original.Replace("\"tier\": \"tier-2\"", "\"tier\": \"tier-7\"", StringComparison.Ordinal));

        var problem = await (await admin.PostAsync("/api/org/reload", null)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("tier-7", (string?)problem["detail"]);
        Assert.Contains("agents[", (string?)problem["detail"]);
        var org = await (await admin.GetAsync("/api/org")).ReadObjectAsync();
        Assert.Equal(40, org["agents"]!.AsArray().Count);
        var health = await (await server.CreateClient().GetAsync("/health")).ReadObjectAsync();
        Assert.Equal("Degraded", (string?)health["status"]);
        Assert.Contains("tier-7", health["problems"]![0]!.GetValue<string>());

        await File.WriteAllTextAsync(server.OrgFile, original.Replace("Brightline Support (40 agents)", "Brightline Support (renamed)", StringComparison.Ordinal));
        var reloaded = await (await admin.PostAsync("/api/org/reload", null)).ReadObjectAsync();
        Assert.Equal("Brightline Support (renamed)", (string?)reloaded["name"]);
    }
}

internal static class RepositoryFolder
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Studio.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Studio.sln not found above " + AppContext.BaseDirectory);
    }
}
