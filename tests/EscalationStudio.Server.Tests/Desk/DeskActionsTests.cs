using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Desk;
using EscalationStudio.Server.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Desk;

/// <summary>
/// Each action of the ticket page, refused, says why in the words the server decides with (the API's validator, the
/// ticket desk's authority and lifecycle rules), and writes nothing.
/// </summary>
public sealed class DeskActionsTests(EscalationServer server) : IClassFixture<EscalationServer>
{
    private static readonly Actor Admin = Actor.User("admin");

    [Fact]
    public async Task Every_refused_action_shows_the_reason_and_writes_nothing()
    {
        var ana = Signed(EscalationServer.Tier1AgentKey);
        var ticket = await OpenAsync(vip: true);
        var closed = await OpenAsync(vip: false);
        await DeskAsync(desk => desk.ChangeStatusAsync(closed, TicketStatus.Solved, Admin));
        await DeskAsync(desk => desk.ChangeStatusAsync(closed, TicketStatus.Closed, Admin));
        var before = await VersionAsync(ticket);

        var outcomes = new Dictionary<string, DeskOutcome>
        {
            ["reply"] = await ActAsync(ana, new AddMessageRequest(MessageKind.Agent.ToText(), "  "), (desk, by) => desk.AddMessageAsync(ticket, MessageKind.Agent, "  ", by.Actor)),
            ["reply on a closed ticket"] = await ActAsync(ana, new AddMessageRequest(MessageKind.Agent.ToText(), "Hello"),
                (desk, by) => desk.AddMessageAsync(closed, MessageKind.Agent, "Hello", by.Actor)),
            ["note"] = await ActAsync(ana, new AddMessageRequest(MessageKind.InternalNote.ToText(), ""), (desk, by) => desk.AddInternalNoteAsync(ticket, "", by.Actor)),
            ["approve"] = await ActAsync(ana, new ApproveTicketRequest("refund", 400m, null), (desk, by) => desk.ApproveAsync(ticket, ApprovalKind.Refund, 400m, by.Actor)),
            ["reject"] = await ActAsync(ana, new ApproveTicketRequest("refund", 400m, null, ApproveTicketRequest.Reject),
                (desk, by) => desk.RejectApprovalAsync(ticket, ApprovalKind.Refund, 400m, null!, by.Actor)),
            ["hand back"] = await ActAsync(ana, new DeEscalateTicketRequest("tier-1", null, ""), (desk, by) => desk.DeEscalateAsync(ticket, "tier-1", null, "", by.Actor)),
            ["escalate"] = await ActAsync(ana, new EscalationRequest("", "tier-2"), (desk, by) => desk.EscalateAsync(ticket, "tier-2", null, "", by.Actor)),
            ["reassign"] = await ActAsync(ana, new AssignTicketRequest(EscalationServer.Tier2Agent), (desk, by) => desk.ReassignAsync(ticket, EscalationServer.Tier2Agent, by.Actor)),
            ["priority"] = await ActAsync(ana, new SetPriorityRequest("sky-high"), (desk, by) => desk.SetPriorityAsync(ticket, TicketPriority.Urgent, by.Actor)),
            ["solve"] = await ActAsync(ana, new ChangeStatusRequest(TicketStatus.Solved.ToText()), (desk, by) => desk.ChangeStatusAsync(ticket, TicketStatus.Solved, by.Actor)),
        };

        Assert.All(outcomes, o => Assert.False(o.Value.Done, $"{o.Key} was done: {o.Value.Message}"));
        Assert.StartsWith("body: ", outcomes["reply"].Message, StringComparison.Ordinal);
        Assert.StartsWith("Not allowed: ", outcomes["reply on a closed ticket"].Message, StringComparison.Ordinal);
        Assert.StartsWith("body: ", outcomes["note"].Message, StringComparison.Ordinal);
        Assert.Equal("Beyond your authority level: agent:ana.kovac may not approve: refund of 400 exceeds the refund cap of 50", outcomes["approve"].Message);
        Assert.StartsWith("note: ", outcomes["reject"].Message, StringComparison.Ordinal);
        Assert.StartsWith("note: ", outcomes["hand back"].Message, StringComparison.Ordinal);
        Assert.StartsWith("reason: ", outcomes["escalate"].Message, StringComparison.Ordinal);
        Assert.StartsWith("Not allowed: ", outcomes["reassign"].Message, StringComparison.Ordinal);
        Assert.Contains(EscalationServer.Tier2Agent, outcomes["reassign"].Message, StringComparison.Ordinal);
        Assert.StartsWith("priority: ", outcomes["priority"].Message, StringComparison.Ordinal);
        Assert.Contains("may only be solved by someone whose authority level may close VIP tickets", outcomes["solve"].Message, StringComparison.Ordinal);
        Assert.Equal(before, await VersionAsync(ticket));
    }

    [Fact]
    public async Task The_desk_refuses_an_approval_beyond_the_cap_with_the_reason_the_API_answers()
    {
        var ticket = await OpenAsync(vip: false);
        using var api = server.ClientWithKey(EscalationServer.Tier1AgentKey);

        var desk = await ActAsync(Signed(EscalationServer.Tier1AgentKey), new ApproveTicketRequest("refund", 400m, null),
            (d, by) => d.ApproveAsync(ticket, ApprovalKind.Refund, 400m, by.Actor));
        using var answer = await api.PostAsJsonAsync($"api/tickets/{ticket}/approvals", new JsonObject { ["kind"] = "refund", ["amount"] = 400 });
        var problem = await answer.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains((string)problem!["detail"]!, desk.Message, StringComparison.Ordinal);
    }

    private ClaimsPrincipal Signed(string key) =>
        server.Services.GetRequiredService<ApiKeyRing>().Find(key)!.ToPrincipal("test");

    private Task<DeskOutcome> ActAsync<TRequest>(ClaimsPrincipal user, TRequest request, Func<ITicketDesk, DeskCaller, Task<Ticket>> change) =>
        server.Services.GetRequiredService<DeskActions>().ApplyAsync(user, request, change, "done", CancellationToken.None);

    private async Task<Guid> OpenAsync(bool vip)
    {
        var requester = new NewTicketRequester("Jo Park", $"jo.{Guid.NewGuid():N}@example.com", IsVip: vip);
        var ticket = await DeskAsync(desk => desk.CreateAsync(new NewTicket("Refund please", "", requester, TicketChannel.Email, OwnerAgentId: EscalationServer.Tier1Agent), Admin));
        return ticket.Id;
    }

    private async Task<int> VersionAsync(Guid ticketId) =>
        (await server.InDeskAsync(desk => desk.GetTimelineAsync(ticketId))).Max(e => e.Sequence);

    private Task<Ticket> DeskAsync(Func<ITicketDesk, Task<Ticket>> change) =>
        server.InDeskAsync(change);
}
