using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using static EscalationStudio.Domain.Tests.Tickets.TicketFixtures;

namespace EscalationStudio.Domain.Tests.Tickets;

public sealed class TicketAuthorityTests
{
    [Fact]
    public void Solving_a_vip_ticket_without_vip_authority_is_denied_with_the_reason()
    {
        var ticket = TicketLifecycleTests.InStatus(TicketStatus.Open, vip: true);

        var denied = Assert.Throws<AuthorityDeniedException>(() => ticket.ChangeStatus(TicketStatus.Solved, Ana, FrontlineAuthority, Now));

        Assert.Contains("VIP", denied.Message);
        Assert.Equal(TicketStatus.Open, ticket.Status);
        Assert.Empty(ticket.UncommittedEvents);
    }

    [Fact]
    public void Solving_a_vip_ticket_with_vip_authority_succeeds()
    {
        var ticket = TicketLifecycleTests.InStatus(TicketStatus.Open, vip: true);

        ticket.ChangeStatus(TicketStatus.Solved, Claire, ManagerAuthority, Now);

        Assert.Equal(TicketStatus.Solved, ticket.Status);
    }

    [Fact]
    public void Solving_a_ticket_that_needs_sign_off_is_denied_until_a_manager_signs_off()
    {
        var ticket = TicketLifecycleTests.InStatus(TicketStatus.Open);
        ticket.RequireSignOff("Refund of 400 exceeds the frontline cap", Actor.Policy("refund-guard"), Now);

        var denied = Assert.Throws<AuthorityDeniedException>(() => ticket.ChangeStatus(TicketStatus.Solved, Ana, FrontlineAuthority, Now));
        Assert.Contains("Refund of 400 exceeds the frontline cap", denied.Message);

        ticket.SignOff(Claire, ManagerAuthority, Now, "Approved, long-standing customer");
        ticket.ChangeStatus(TicketStatus.Solved, Ana, FrontlineAuthority, Now);
        Assert.Equal(TicketStatus.Solved, ticket.Status);
    }

    [Fact]
    public void SignOff_without_sign_off_authority_is_denied()
    {
        var ticket = TicketLifecycleTests.InStatus(TicketStatus.Open);
        ticket.RequireSignOff("needs a manager", Actor.Policy("refund-guard"), Now);

        Assert.Throws<AuthorityDeniedException>(() => ticket.SignOff(Ana, FrontlineAuthority, Now));
        Assert.False(ticket.IsSignedOff);
    }

    [Fact]
    public void RecordApproval_within_the_cap_records_kind_and_amount()
    {
        var ticket = NewTicket().Committed();

        ticket.RecordApproval(ApprovalKind.Refund, 50m, "Double charge", Ana, FrontlineAuthority, Now);

        var approval = Assert.Single(ticket.UncommittedEvents);
        Assert.Equal(TicketEventType.ApprovalGranted, approval.Type);
        Assert.Equal("refund", approval[TicketEventData.ApprovalKind]);
        Assert.Equal("50", approval[TicketEventData.Amount]);
    }

    [Fact]
    public void RecordApproval_beyond_the_cap_is_denied_saying_the_cap()
    {
        var ticket = NewTicket().Committed();

        var denied = Assert.Throws<AuthorityDeniedException>(() => ticket.RecordApproval(ApprovalKind.Refund, 50.01m, null, Ana, FrontlineAuthority, Now));

        Assert.Contains("refund cap of 50", denied.Message);
        Assert.Empty(ticket.UncommittedEvents);
    }

    [Fact]
    public void RecordApproval_of_a_contract_change_needs_that_authority()
    {
        var ticket = NewTicket().Committed();

        Assert.Throws<AuthorityDeniedException>(() => ticket.RecordApproval(ApprovalKind.ContractChange, null, null, Ana, FrontlineAuthority, Now));
        ticket.RecordApproval(ApprovalKind.ContractChange, null, "Move to annual plan", Claire, ManagerAuthority, Now);
    }

    [Fact]
    public void RejectApproval_records_a_timeline_entry_policies_recognise()
    {
        var ticket = NewTicket().Committed();

        ticket.RejectApproval(ApprovalKind.Refund, 400m, "Outside the refund window", Ana, Now);

        var entry = Assert.Single(ticket.UncommittedEvents);
        Assert.Equal(TicketEventType.TimelineEntry, entry.Type);
        Assert.Equal(Ticket.ApprovalRejectedKind, entry[TicketEventData.Kind]);
        Assert.Equal("refund", entry[TicketEventData.ApprovalKind]);
        Assert.Equal("400", entry[TicketEventData.Amount]);
        Assert.Equal("Outside the refund window", entry[TicketEventData.Reason]);
    }
}
