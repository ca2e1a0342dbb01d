using System.Net;
using System.Text.Json.Nodes;

namespace EscalationStudio.Server.Tests.Tickets;

public sealed class ListTicketsTests(EscalationServer server) : IClassFixture<EscalationServer>
{
    private readonly HttpClient _admin = server.Admin();

    [Fact]
    public async Task Tickets_are_listed_newest_first_in_pages_with_totals()
    {
        var tag = UniqueTag();
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await _admin.CreateTicketAsync(subject: $"Ticket {i}", tags: [tag])).Id());
            server.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await ListAsync($"tag={tag}&pageSize=2");
        var third = await ListAsync($"tag={tag}&pageSize=2&page=3");

        Assert.Equal(5, (int?)first["totalCount"]);
        Assert.Equal(3, (int?)first["totalPages"]);
        Assert.Equal([created[4], created[3]], Ids(first));
        Assert.Equal([created[0]], Ids(third));
        Assert.Empty(Ids(await ListAsync($"tag={tag}&pageSize=2&page=4")));
    }

    [Fact]
    public async Task Filters_by_status_priority_tier_and_owner_combine()
    {
        var tag = UniqueTag();
        var urgentOwned = await _admin.CreateTicketAsync(priority: "urgent", owner: EscalationServer.Tier1Agent, tags: [tag]);
        var normalOwned = await _admin.CreateTicketAsync(owner: EscalationServer.Tier1Agent, tags: [tag]);
        var tier2 = await _admin.CreateTicketAsync(tier: "tier-2", tags: [tag]);
        var queued = await _admin.CreateTicketAsync(tags: [tag]);
        await _admin.PostAsync($"/api/tickets/{normalOwned.Id()}/status", new { status = "pending" });

        Assert.Equal([urgentOwned.Id()], Ids(await ListAsync($"tag={tag}&priority=urgent")));
        Assert.Equal([normalOwned.Id()], Ids(await ListAsync($"tag={tag}&status=pending")));
        Assert.Equal([tier2.Id()], Ids(await ListAsync($"tag={tag}&tier=tier-2")));
        Assert.Equal(new[] { normalOwned.Id(), urgentOwned.Id() }.Order(), Ids(await ListAsync($"tag={tag}&owner={EscalationServer.Tier1Agent}")).Order());
        Assert.Equal(new[] { queued.Id(), tier2.Id() }.Order(), Ids(await ListAsync($"tag={tag}&owner=none")).Order());
        Assert.Equal([urgentOwned.Id()], Ids(await ListAsync($"tag={tag}&status=new&tier=tier-1&owner={EscalationServer.Tier1Agent}")));
    }

    [Fact]
    public async Task Status_filter_understands_on_hold()
    {
        var tag = UniqueTag();
        var ticket = await _admin.CreateTicketAsync(tags: [tag]);
        await _admin.PostAsync($"/api/tickets/{ticket.Id()}/status", new { status = "on-hold" });

        Assert.Equal([ticket.Id()], Ids(await ListAsync($"tag={tag}&status=on-hold")));
    }

    [Theory]
    [InlineData("status=lost", "status")]
    [InlineData("priority=p1", "priority")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=abc", "page")]
    public async Task Invalid_filters_are_400_naming_the_parameter(string query, string field)
    {
        await (await _admin.GetAsync($"/api/tickets?{query}")).AssertInvalidFieldAsync(field);
    }

    private async Task<JsonObject> ListAsync(string query)
    {
        var response = await _admin.GetAsync($"/api/tickets?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadObjectAsync();
    }

    private static List<string> Ids(JsonObject page) => [.. page["items"]!.AsArray().Select(t => (string)t!["id"]!)];

    private static string UniqueTag() => "list-" + Guid.NewGuid().ToString("N")[..8];
}
