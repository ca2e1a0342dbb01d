using System.Net;
using System.Text.Json.Nodes;

namespace EscalationStudio.Server.Tests.Tickets;

public sealed class TicketCommandTests(EscalationServer server) : IClassFixture<EscalationServer>
{
    private readonly HttpClient _admin = server.Admin();
    private readonly HttpClient _ana = server.ClientWithKey(EscalationServer.Tier1AgentKey);

    [Fact]
    public async Task An_agent_reply_is_authored_by_the_agent_the_key_acts_as()
    {
        var ticket = await _admin.CreateTicketAsync(owner: EscalationServer.Tier1Agent);

        var response = await _ana.PostAsync($"/api/tickets/{ticket.Id()}/messages", new { kind = "agent", body = "Could you send a screenshot?" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = Assert.Single((await response.ReadObjectAsync())["messages"]!.AsArray())!;
        Assert.Equal("agent:ana.kovac", (string?)message["author"]);
        Assert.Equal("agent", (string?)message["kind"]);
    }

    [Fact]
    public async Task An_internal_note_is_kept_in_the_conversation_as_a_note()
    {
        var ticket = await _admin.CreateTicketAsync();

        var updated = await (await _ana.PostAsync($"/api/tickets/{ticket.Id()}/messages", new { kind = "internal-note", body = "Customer is on the legacy plan" })).ReadObjectAsync();

        Assert.Equal("internal-note", (string?)updated["messages"]![0]!["kind"]);
    }

    [Fact]
    public async Task A_customer_reply_on_a_pending_ticket_reopens_it()
    {
        var ticket = await _admin.CreateTicketAsync();
        await _ana.PostAsync($"/api/tickets/{ticket.Id()}/status", new { status = "pending" });

        var updated = await (await _admin.PostAsync($"/api/tickets/{ticket.Id()}/messages", new { kind = "customer", body = "Here is the screenshot" })).ReadObjectAsync();

        Assert.Equal("open", (string?)updated["status"]);
        Assert.StartsWith("customer:", (string?)updated["messages"]![0]!["author"]);
    }

    [Fact]
    public async Task An_empty_message_is_a_400_naming_body_and_an_unknown_kind_names_kind()
    {
        var ticket = await _admin.CreateTicketAsync();

        await (await _ana.PostAsync($"/api/tickets/{ticket.Id()}/messages", new { kind = "agent", body = "" })).AssertInvalidFieldAsync("body");
        await (await _ana.PostAsync($"/api/tickets/{ticket.Id()}/messages", new { kind = "fax", body = "hi" })).AssertInvalidFieldAsync("kind");
    }

    [Fact]
    public async Task Status_moves_through_the_lifecycle_and_a_forbidden_move_is_a_409_listing_what_is_allowed()
    {
        var ticket = await _admin.CreateTicketAsync();
        var url = $"/api/tickets/{ticket.Id()}/status";

        Assert.Equal("on-hold", (string?)(await (await _ana.PostAsync(url, new { status = "on-hold", note = "Waiting on the bank" })).ReadObjectAsync())["status"]);
        Assert.Equal("solved", (string?)(await (await _ana.PostAsync(url, new { status = "solved" })).ReadObjectAsync())["status"]);
        Assert.Equal("closed", (string?)(await (await _ana.PostAsync(url, new { status = "closed" })).ReadObjectAsync())["status"]);

        var problem = await (await _ana.PostAsync(url, new { status = "open" })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("closed", (string?)problem["detail"]);
    }

    [Fact]
    public async Task An_unknown_status_is_a_400_naming_status()
    {
        var ticket = await _admin.CreateTicketAsync();

        await (await _ana.PostAsync($"/api/tickets/{ticket.Id()}/status", new { status = "resolved" })).AssertInvalidFieldAsync("status");
    }

    [Fact]
    public async Task A_tier1_agent_solving_a_vip_ticket_gets_403_with_the_reason()
    {
        var ticket = await _admin.CreateTicketAsync(email: "vip.solve@example.com", vip: true);

        var problem = await (await _ana.PostAsync($"/api/tickets/{ticket.Id()}/status", new { status = "solved" })).AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains("VIP", (string?)problem["detail"]);
        var manager = server.ClientWithKey(EscalationServer.ManagerAgentKey);
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync($"/api/tickets/{ticket.Id()}/status", new { status = "solved" })).StatusCode);
    }

    [Fact]
    public async Task Assign_moves_the_case_to_a_colleague_in_the_same_tier()
    {
        var ticket = await _admin.CreateTicketAsync(owner: EscalationServer.Tier1Agent);

        var updated = await (await _ana.PostAsync($"/api/tickets/{ticket.Id()}/assign", new { agentId = EscalationServer.Tier1Colleague, note = "French speaker" })).ReadObjectAsync();

        Assert.Equal(EscalationServer.Tier1Colleague, (string?)updated["owner"]);
        Assert.Equal("tier-1", (string?)updated["tier"]);
    }

    [Fact]
    public async Task Assign_to_another_tier_is_a_400_naming_agentId_because_that_is_an_escalation()
    {
        var ticket = await _admin.CreateTicketAsync();

        var message = await (await _ana.PostAsync($"/api/tickets/{ticket.Id()}/assign", new { agentId = EscalationServer.Tier2Agent })).AssertInvalidFieldAsync("agentId");

        Assert.Contains("escalation", message);
        await (await _ana.PostAsync($"/api/tickets/{ticket.Id()}/assign", new { })).AssertInvalidFieldAsync("agentId");
    }

    [Fact]
    public async Task Escalate_records_the_agents_flag_and_reason_without_moving_the_case()
    {
        var ticket = await _admin.CreateTicketAsync(owner: EscalationServer.Tier1Agent);

        var updated = await (await _ana.PostAsync($"/api/tickets/{ticket.Id()}/escalate", new { reason = "Customer mentions a lawyer" })).ReadObjectAsync();

        Assert.Equal("Customer mentions a lawyer", (string?)updated["escalationRequest"]);
        Assert.Equal("tier-1", (string?)updated["tier"]);
        await (await _ana.PostAsync($"/api/tickets/{ticket.Id()}/escalate", new { reason = " " })).AssertInvalidFieldAsync("reason");
    }

    [Fact]
    public async Task Escalate_with_a_tier_moves_the_case_up_at_once_and_refuses_a_lower_tier()
    {
        var ticket = await _admin.CreateTicketAsync(owner: EscalationServer.Tier1Agent);

        var updated = await (await _ana.PostAsync($"/api/tickets/{ticket.Id()}/escalate", new { reason = "Needs log access", tier = "tier-2", owner = EscalationServer.Tier2Agent })).ReadObjectAsync();

        Assert.Equal("tier-2", (string?)updated["tier"]);
        Assert.Equal(EscalationServer.Tier2Agent, (string?)updated["owner"]);
        await (await _ana.PostAsync($"/api/tickets/{ticket.Id()}/escalate", new { reason = "back down?", tier = "tier-1" })).AssertInvalidFieldAsync("tier");
        await (await _ana.PostAsync($"/api/tickets/{ticket.Id()}/escalate", new { reason = "who?", owner = EscalationServer.ManagerAgent })).AssertInvalidFieldAsync("owner");
    }

    [Fact]
    public async Task De_escalate_hands_the_case_back_down_with_a_note()
    {
        var ticket = await _admin.CreateTicketAsync(tier: "tier-2", owner: EscalationServer.Tier2Agent);
        var katrin = server.ClientWithKey(EscalationServer.Tier2AgentKey);

        var handBack = new { tier = "tier-1", owner = EscalationServer.Tier1Agent, note = "Fixed the export; confirm with the customer" };
        var updated = await (await katrin.PostAsync($"/api/tickets/{ticket.Id()}/de-escalate", handBack)).ReadObjectAsync();

        Assert.Equal("tier-1", (string?)updated["tier"]);
        Assert.Equal(EscalationServer.Tier1Agent, (string?)updated["owner"]);
        await (await katrin.PostAsync($"/api/tickets/{ticket.Id()}/de-escalate", new { tier = "managers", note = "up?" })).AssertInvalidFieldAsync("tier");
        await (await katrin.PostAsync($"/api/tickets/{ticket.Id()}/de-escalate", new { tier = "tier-1" })).AssertInvalidFieldAsync("note");
    }

    [Fact]
    public async Task Csat_is_recorded_on_a_solved_ticket_and_refused_on_an_open_one()
    {
        var ticket = await _admin.CreateTicketAsync();
        var url = $"/api/tickets/{ticket.Id()}/csat";

        await (await _admin.PostAsync(url, new { score = 5 })).AssertProblemAsync(HttpStatusCode.Conflict);
        await _ana.PostAsync($"/api/tickets/{ticket.Id()}/status", new { status = "solved" });
        var rated = await (await _admin.PostAsync(url, new { score = 4, comment = "Quick" })).ReadObjectAsync();

        Assert.Equal(4, (int?)rated["csat"]!["score"]);
        Assert.Equal("Quick", (string?)rated["csat"]!["comment"]);
        await (await _admin.PostAsync(url, new { score = 9 })).AssertInvalidFieldAsync("score");
    }

    [Fact]
    public async Task Priority_and_tags_change_through_their_routes()
    {
        var ticket = await _admin.CreateTicketAsync();

        var prioritised = await (await _ana.PostAsync($"/api/tickets/{ticket.Id()}/priority", new { priority = "urgent", reason = "Outage" })).ReadObjectAsync();
        var tagged = await (await _ana.PostAsync($"/api/tickets/{ticket.Id()}/tags", new { tag = "Outage" })).ReadObjectAsync();

        Assert.Equal("urgent", (string?)prioritised["priority"]);
        Assert.Contains("outage", tagged["tags"]!.AsArray().Select(t => (string?)t));
        await (await _ana.PostAsync($"/api/tickets/{ticket.Id()}/priority", new { priority = "p1" })).AssertInvalidFieldAsync("priority");
        await (await _ana.PostAsync($"/api/tickets/{ticket.Id()}/tags", new { tag = "" })).AssertInvalidFieldAsync("tag");
    }

    [Fact]
    public async Task An_approval_beyond_the_agents_cap_is_a_403_naming_the_cap_and_within_it_is_recorded()
    {
        var ticket = await _admin.CreateTicketAsync();
        var url = $"/api/tickets/{ticket.Id()}/approvals";

        var denied = await (await _ana.PostAsync(url, new { kind = "refund", amount = 120m })).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("refund cap of 50", (string?)denied["detail"]);

        Assert.Equal(HttpStatusCode.OK, (await _ana.PostAsync(url, new { kind = "refund", amount = 40m, note = "Double charge" })).StatusCode);
        await (await _ana.PostAsync(url, new { kind = "refund" })).AssertInvalidFieldAsync("amount");
    }

    [Fact]
    public async Task An_approval_can_be_rejected_with_a_reason_by_anyone()
    {
        var ticket = await _admin.CreateTicketAsync();
        var url = $"/api/tickets/{ticket.Id()}/approvals";

        Assert.Equal(HttpStatusCode.OK, (await _ana.PostAsync(url, new { kind = "refund", amount = 900m, decision = "reject", note = "Outside the refund window" })).StatusCode);
        await (await _ana.PostAsync(url, new { kind = "refund", decision = "reject" })).AssertInvalidFieldAsync("note");
        await (await _ana.PostAsync(url, new { kind = "refund", amount = 5m, decision = "maybe" })).AssertInvalidFieldAsync("decision");

        var timeline = await (await _admin.GetAsync($"/api/tickets/{ticket.Id()}/timeline")).ReadArrayAsync();
        var rejected = timeline.Single(e => (string?)e!["data"]!["kind"] == "approval-rejected")!;
        Assert.Equal("agent:ana.kovac", (string?)rejected["actor"]);
        Assert.Equal("Outside the refund window", (string?)rejected["data"]!["reason"]);
    }

    [Theory]
    [InlineData("messages")]
    [InlineData("status")]
    [InlineData("assign")]
    [InlineData("escalate")]
    [InlineData("de-escalate")]
    [InlineData("csat")]
    [InlineData("priority")]
    [InlineData("tags")]
    [InlineData("approvals")]
    public async Task Commands_on_an_unknown_ticket_are_404_problems(string route)
    {
        JsonObject validBody = route switch
        {
            "messages" => new() { ["kind"] = "agent", ["body"] = "hi" },
            "status" => new() { ["status"] = "open" },
            "assign" => new() { ["agentId"] = EscalationServer.Tier1Colleague },
            "escalate" => new() { ["reason"] = "why" },
            "de-escalate" => new() { ["tier"] = "tier-1", ["note"] = "back" },
            "csat" => new() { ["score"] = 3 },
            "priority" => new() { ["priority"] = "high" },
            "tags" => new() { ["tag"] = "x" },
            _ => new() { ["kind"] = "contract-change" },
        };

        var response = await _admin.PostAsync($"/api/tickets/{Guid.NewGuid()}/{route}", validBody);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_returns_the_ticket_with_its_conversation_and_an_unknown_id_is_404()
    {
        var ticket = await _admin.CreateTicketAsync();
        await _ana.PostAsync($"/api/tickets/{ticket.Id()}/messages", new { body = "first" });
        await _ana.PostAsync($"/api/tickets/{ticket.Id()}/messages", new { body = "second" });

        var read = await (await _admin.GetAsync($"/api/tickets/{ticket.Id()}")).ReadObjectAsync();

        Assert.Equal(["first", "second"], read["messages"]!.AsArray().Select(m => (string?)m!["body"]));
        await (await _admin.GetAsync($"/api/tickets/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.GetAsync("/api/tickets/not-a-guid")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
