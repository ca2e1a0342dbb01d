using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Sandbox;
using EscalationStudio.Server.Tests.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Tickets;

/// <summary>
/// The database desk and the sandbox's in-memory desk apply the same changes: one script of every verb, refusals
/// included (unknown tier, cap exceeded, a policy approving, a closed ticket...), run through both, answers the same
/// events and the same errors step by step.
/// </summary>
public sealed class DeskParityTests
{
    private static readonly Actor Admin = Actor.User("admin");
    private static readonly Actor Ana = Actor.Agent(EscalationServer.Tier1Agent);
    private static readonly Actor Katrin = Actor.Agent(EscalationServer.Tier2Agent);
    private static readonly Actor Claire = Actor.Agent(EscalationServer.ManagerAgent);
    private static readonly Actor Policy = Actor.Policy("parity-policy");
    private static readonly Guid Unknown = Guid.Parse("0194b3c0-0000-7000-8000-000000000001");
    private static readonly PolicyDecision Decision = new("parity-policy", 3, "ToTier2");

    /// <summary>One step: the ticket the script works on (null before the first) in, the desk's answer out.</summary>
    private delegate Task<Ticket> Step(ITicketDesk desk, Ticket? current);

    private const bool Refused = true;
    private const bool Applied = false;

    private static readonly (string Name, bool IsRefused, Step Run)[] Script =
    [
        ("open in an unknown tier", Refused, (desk, _) => desk.CreateAsync(NewTicket("jo@example.com", tier: "tier-7"), Admin)),
        ("open with an unknown owner", Refused, (desk, _) => desk.CreateAsync(NewTicket("jo@example.com", owner: "nobody"), Admin)),
        ("open without a subject", Refused, (desk, _) => desk.CreateAsync(NewTicket("jo@example.com") with { Subject = " " }, Admin)),
        ("open", Applied, (desk, _) => desk.CreateAsync(NewTicket(" Jo@Example.com ") with { Tags = ["Billing", "billing", "refund"] }, Admin)),
        ("customer message", Applied, (desk, t) => desk.AddMessageAsync(t!.Id, MessageKind.Customer, "I was charged twice", Actor.Customer(t.RequesterId))),
        ("agent reply", Applied, (desk, t) => desk.AddMessageAsync(t!.Id, MessageKind.Agent, "Looking into it", Ana)),
        ("internal note", Applied, (desk, t) => desk.AddInternalNoteAsync(t!.Id, "Second charge is pending", Ana)),
        ("timeline entry", Applied, (desk, t) => desk.AddTimelineEntryAsync(t!.Id, "sla-warning", "first reply due", Policy, new Dictionary<string, string> { ["due"] = "10:00" })),
        ("priority", Applied, (desk, t) => desk.SetPriorityAsync(t!.Id, TicketPriority.High, Policy, "refund asked")),
        ("same priority", Applied, (desk, t) => desk.SetPriorityAsync(t!.Id, TicketPriority.High, Policy)),
        ("tag", Applied, (desk, t) => desk.AddTagAsync(t!.Id, " Chargeback ", Ana)),
        ("tag again", Applied, (desk, t) => desk.AddTagAsync(t!.Id, "chargeback", Ana)),
        ("empty tag", Refused, (desk, t) => desk.AddTagAsync(t!.Id, "  ", Ana)),
        ("reassign", Applied, (desk, t) => desk.ReassignAsync(t!.Id, EscalationServer.Tier1Agent, Admin, "yours")),
        ("reassign across tiers", Refused, (desk, t) => desk.ReassignAsync(t!.Id, EscalationServer.Tier2Agent, Admin)),
        ("reassign to an unknown agent", Refused, (desk, t) => desk.ReassignAsync(t!.Id, "nobody", Admin)),
        ("manual flag", Applied, (desk, t) => desk.RequestEscalationAsync(t!.Id, "customer mentions a chargeback", Ana)),
        ("escalate to an unknown tier", Refused, (desk, t) => desk.EscalateAsync(t!.Id, "tier-7", null, "up", Policy)),
        ("escalate down", Refused, (desk, t) => desk.EscalateAsync(t!.Id, "tier-1", null, "sideways", Policy)),
        ("escalate with an owner of another tier", Refused, (desk, t) => desk.EscalateAsync(t!.Id, "tier-2", EscalationServer.Tier1Agent, "up", Policy)),
        ("escalate", Applied, (desk, t) => desk.EscalateAsync(t!.Id, "tier-2", EscalationServer.Tier2Agent, "chargeback risk", Policy, Decision)),
        ("approve beyond the cap", Refused, (desk, t) => desk.ApproveAsync(t!.Id, ApprovalKind.Refund, 250.01m, Katrin)),
        ("a policy approves", Refused, (desk, t) => desk.ApproveAsync(t!.Id, ApprovalKind.Refund, 10m, Policy)),
        ("the system approves", Refused, (desk, t) => desk.ApproveAsync(t!.Id, ApprovalKind.Refund, 10m, Actor.System)),
        ("approve a contract change without the authority", Refused, (desk, t) => desk.ApproveAsync(t!.Id, ApprovalKind.ContractChange, null, Katrin)),
        ("approve", Applied, (desk, t) => desk.ApproveAsync(t!.Id, ApprovalKind.Refund, 250m, Katrin, "within the cap")),
        ("reject an approval", Applied, (desk, t) => desk.RejectApprovalAsync(t!.Id, ApprovalKind.Credit, 80m, "not this time", Katrin)),
        ("require sign-off", Applied, (desk, t) => desk.RequireSignOffAsync(t!.Id, "refund over 200", Policy)),
        ("solve without sign-off", Refused, (desk, t) => desk.ChangeStatusAsync(t!.Id, TicketStatus.Solved, Katrin)),
        ("sign off without the authority", Refused, (desk, t) => desk.SignOffAsync(t!.Id, Katrin)),
        ("sign off", Applied, (desk, t) => desk.SignOffAsync(t!.Id, Claire, "ok")),
        ("de-escalate upwards", Refused, (desk, t) => desk.DeEscalateAsync(t!.Id, "managers", null, "no", Policy)),
        ("de-escalate", Applied, (desk, t) => desk.DeEscalateAsync(t!.Id, "tier-1", null, "refund done; confirm with the customer", Katrin, Decision)),
        ("rate an open ticket", Refused, (desk, t) => desk.RecordCsatAsync(t!.Id, 5, null, Actor.Customer(t.RequesterId))),
        ("pending", Applied, (desk, t) => desk.ChangeStatusAsync(t!.Id, TicketStatus.Pending, Ana, "waiting on the customer")),
        ("customer reply reopens", Applied, (desk, t) => desk.AddMessageAsync(t!.Id, MessageKind.Customer, "Thanks!", Actor.Customer(t.RequesterId))),
        ("same status", Applied, (desk, t) => desk.ChangeStatusAsync(t!.Id, TicketStatus.Open, Ana)),
        ("close before solving", Refused, (desk, t) => desk.ChangeStatusAsync(t!.Id, TicketStatus.Closed, Ana)),
        ("solve", Applied, (desk, t) => desk.ChangeStatusAsync(t!.Id, TicketStatus.Solved, Ana)),
        ("escalate a solved ticket", Refused, (desk, t) => desk.EscalateAsync(t!.Id, "tier-2", null, "up", Policy)),
        ("reject an approval on a solved ticket", Refused, (desk, t) => desk.RejectApprovalAsync(t!.Id, ApprovalKind.Credit, 5m, "no", Ana)),
        ("CSAT out of range", Refused, (desk, t) => desk.RecordCsatAsync(t!.Id, 9, null, Actor.Customer(t.RequesterId))),
        ("CSAT", Applied, (desk, t) => desk.RecordCsatAsync(t!.Id, 5, "quick", Actor.Customer(t.RequesterId))),
        ("close", Applied, (desk, t) => desk.ChangeStatusAsync(t!.Id, TicketStatus.Closed, Admin)),
        ("message on a closed ticket", Refused, (desk, t) => desk.AddMessageAsync(t!.Id, MessageKind.Customer, "One more thing", Actor.Customer(t.RequesterId))),
        ("approve on a closed ticket", Refused, (desk, t) => desk.ApproveAsync(t!.Id, ApprovalKind.Refund, 5m, Ana)),
        ("reopen a closed ticket", Refused, (desk, t) => desk.ChangeStatusAsync(t!.Id, TicketStatus.Open, Admin)),
        ("a change to an unknown ticket", Refused, (desk, _) => desk.AddTagAsync(Unknown, "ghost", Admin)),
        ("open a VIP's ticket in tier-2 with an owner", Applied, (desk, _) => desk.CreateAsync(NewTicket("vip@example.com", tier: "tier-2", owner: EscalationServer.Tier2Agent, vip: true), Admin)),
        ("de-escalate to tier-1", Applied, (desk, t) => desk.DeEscalateAsync(t!.Id, "tier-1", EscalationServer.Tier1Agent, "back to you", Katrin)),
        ("tier-1 solves a VIP's ticket", Refused, (desk, t) => desk.ChangeStatusAsync(t!.Id, TicketStatus.Solved, Ana)),
        ("a VIP's second ticket keeps the customer", Applied, (desk, _) => desk.CreateAsync(NewTicket("VIP@example.com", vip: false), Admin)),
    ];

    [Fact]
    public async Task Every_verb_gives_the_same_events_and_errors_on_the_database_desk_and_the_sandbox()
    {
        using var server = new EscalationServer();
        await CompareAsync(server);
    }

    [PostgresFact]
    public async Task Every_verb_gives_the_same_events_and_errors_on_the_PostgreSQL_desk_and_the_sandbox()
    {
        await using var server = new PostgresEscalationServer();
        await CompareAsync(server);
    }

    private static async Task CompareAsync(EscalationServer server)
    {
        _ = server.Services;
        var sandbox = new InMemoryTicketDesk(server.Services.GetRequiredService<IOrgDirectorySource>(), server.Clock, () => []);
        Ticket? onDatabase = null, inSandbox = null;
        foreach (var (name, isRefused, run) in Script)
        {
            server.Clock.Advance(TimeSpan.FromMinutes(1));
            var (databaseAnswer, databaseTicket) = await OutcomeAsync(desk => run(desk, onDatabase), server);
            var (sandboxAnswer, sandboxTicket) = await OutcomeAsync(desk => run(desk, inSandbox), sandbox);

            Assert.True(databaseAnswer == sandboxAnswer, $"step '{name}':\ndatabase: {databaseAnswer}\nsandbox:  {sandboxAnswer}");
            onDatabase = databaseTicket ?? onDatabase;
            inSandbox = sandboxTicket ?? inSandbox;
            Assert.True(isRefused == (databaseTicket is null), $"step '{name}' was expected to be {(isRefused ? "refused" : "applied")}: {databaseAnswer}");
        }
    }

    private static Task<(string Answer, Ticket? Ticket)> OutcomeAsync(Func<ITicketDesk, Task<Ticket>> step, EscalationServer server) =>
        server.InDeskAsync(desk => OutcomeAsync(step, desk));

    private static async Task<(string Answer, Ticket? Ticket)> OutcomeAsync(Func<ITicketDesk, Task<Ticket>> step, ITicketDesk desk)
    {
        Ticket ticket;
        try
        {
            ticket = await step(desk);
        }
        catch (Exception e) when (e is TicketRuleViolationException or AuthorityDeniedException or TicketNotFoundException)
        {
            return ($"{e.GetType().Name}: {e.Message} (field {(e as TicketRuleViolationException)?.Field ?? "none"})", null);
        }

        var timeline = await desk.GetTimelineAsync(ticket.Id);
        var requester = ticket.RequesterId.ToString();
        var answer = string.Join('\n', [
            $"{ticket.Status} {ticket.TierId}/{ticket.OwnerAgentId} {ticket.Priority} [{string.Join(',', ticket.Tags)}] csat {ticket.CsatScore} '{ticket.CsatComment}' "
                + $"flag '{ticket.EscalationRequestReason}' sign-off '{ticket.SignOffRequiredReason}' {ticket.IsSignedOff} v{ticket.Version} "
                + $"{ticket.Messages.Count} messages; {ticket.Requester.Name} {ticket.Requester.Email} {ticket.Requester.IsVip}",
            .. timeline.Select(e => $"{e.Sequence} {e.Type} {e.Actor} {e.OccurredAt:O} "
                + string.Join(' ', e.Data.Where(d => d.Key is not (TicketEventData.MessageId or TicketEventData.Customer)).OrderBy(d => d.Key, StringComparer.Ordinal)
                    .Select(d => $"{d.Key}={d.Value}"))),
        ]);

        // Ids are the desks' own (a customer's id is in the actor of their messages); everything else must match.
        return (answer.Replace(requester, "<requester>", StringComparison.Ordinal), ticket);
    }

    private static NewTicket NewTicket(string email, string? tier = null, string? owner = null, bool vip = false) =>
        new("Charged twice", "Two identical charges", new NewTicketRequester(" Jo Park ", email, "Acme", 1200m, vip), TicketChannel.Email,
            TicketPriority.Normal, null, tier, owner);
}
