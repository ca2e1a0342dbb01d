using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using static EscalationStudio.Domain.Tests.Tickets.TicketFixtures;

namespace EscalationStudio.Domain.Tests.Tickets;

public sealed class TicketLifecycleTests
{
    [Fact]
    public void Create_StartsNewWithOneCreatedEvent()
    {
        var ticket = NewTicket();

        Assert.Equal(TicketStatus.New, ticket.Status);
        var created = Assert.Single(ticket.UncommittedEvents);
        Assert.Equal(TicketEventType.Created, created.Type);
        Assert.Equal(1, created.Sequence);
        Assert.Equal("tier-1", created[TicketEventData.Tier]);
        Assert.Equal("normal", created[TicketEventData.Priority]);
        Assert.Equal("export", created[TicketEventData.Tags]);
        Assert.Equal(Now, created.OccurredAt);
    }

    [Fact]
    public void Create_WithoutSubject_IsRefusedNamingSubject()
    {
        var error = Assert.Throws<TicketRuleViolationException>(() => Ticket.Create(
            Guid.NewGuid(), "  ", "", new Customers.Customer(Guid.NewGuid(), "x", "x@example.com", null, 0, false),
            TicketChannel.Email, TicketPriority.Low, TestOrg.FindTier("tier-1")!, null, [], Actor.System, Now));

        Assert.Equal("subject", error.Field);
    }

    [Theory]
    [InlineData(TicketStatus.New, TicketStatus.Open)]
    [InlineData(TicketStatus.Open, TicketStatus.Pending)]
    [InlineData(TicketStatus.Pending, TicketStatus.OnHold)]
    [InlineData(TicketStatus.OnHold, TicketStatus.Open)]
    [InlineData(TicketStatus.Open, TicketStatus.Solved)]
    [InlineData(TicketStatus.Solved, TicketStatus.Open)]
    [InlineData(TicketStatus.Solved, TicketStatus.Closed)]
    public void ChangeStatus_PermittedTransition_MovesAndRecordsFromAndTo(TicketStatus from, TicketStatus to)
    {
        var ticket = InStatus(from);

        ticket.ChangeStatus(to, Ana, AuthorityLevel.Unlimited, Now.AddMinutes(5), "note");

        Assert.Equal(to, ticket.Status);
        var changed = Assert.Single(ticket.UncommittedEvents);
        Assert.Equal(TicketEventType.StatusChanged, changed.Type);
        Assert.Equal(from.ToText(), changed[TicketEventData.From]);
        Assert.Equal(to.ToText(), changed[TicketEventData.To]);
        Assert.Equal(Now.AddMinutes(5), ticket.UpdatedAt);
    }

    [Theory]
    [InlineData(TicketStatus.New, TicketStatus.Closed)]
    [InlineData(TicketStatus.Open, TicketStatus.New)]
    [InlineData(TicketStatus.Closed, TicketStatus.Open)]
    [InlineData(TicketStatus.Closed, TicketStatus.Solved)]
    [InlineData(TicketStatus.Solved, TicketStatus.Pending)]
    public void ChangeStatus_ForbiddenTransition_IsRefusedAndRecordsNothing(TicketStatus from, TicketStatus to)
    {
        var ticket = InStatus(from);

        var error = Assert.Throws<TicketRuleViolationException>(() => ticket.ChangeStatus(to, Ana, AuthorityLevel.Unlimited, Now));

        Assert.Equal(from, ticket.Status);
        Assert.Empty(ticket.UncommittedEvents);
        Assert.Contains(to.ToText(), error.Message);
    }

    [Fact]
    public void ChangeStatus_ToTheCurrentStatus_ChangesNothing()
    {
        var ticket = InStatus(TicketStatus.Open);

        ticket.ChangeStatus(TicketStatus.Open, Ana, AuthorityLevel.Unlimited, Now);

        Assert.Empty(ticket.UncommittedEvents);
    }

    [Theory]
    [InlineData(TicketStatus.Pending)]
    [InlineData(TicketStatus.OnHold)]
    [InlineData(TicketStatus.Solved)]
    public void AddMessage_CustomerReplyOnAWaitingOrSolvedTicket_ReopensIt(TicketStatus waiting)
    {
        var ticket = InStatus(waiting);

        ticket.AddMessage(MessageKind.Customer, "Any news?", Actor.Customer(ticket.RequesterId), Now);

        Assert.Equal(TicketStatus.Open, ticket.Status);
        Assert.Equal([TicketEventType.MessageAdded, TicketEventType.StatusChanged], ticket.UncommittedEvents.Select(e => e.Type));
    }

    [Fact]
    public void AddMessage_InternalNote_LeavesAPendingTicketPending()
    {
        var ticket = InStatus(TicketStatus.Pending);

        var note = ticket.AddMessage(MessageKind.InternalNote, "Waiting on the bank", Ana, Now);

        Assert.Equal(TicketStatus.Pending, ticket.Status);
        Assert.False(note.IsPublic);
        Assert.Equal("internal-note", Assert.Single(ticket.UncommittedEvents)[TicketEventData.MessageKind]);
    }

    [Fact]
    public void AddMessage_OnAClosedTicket_IsRefused()
    {
        var ticket = InStatus(TicketStatus.Closed);

        Assert.Throws<TicketRuleViolationException>(() => ticket.AddMessage(MessageKind.Customer, "Hello?", Ana, Now));
    }

    [Fact]
    public void Events_AreNumberedWithoutGaps()
    {
        var ticket = NewTicket();
        ticket.AddTag("vip-watch", Ana, Now);
        ticket.SetPriority(TicketPriority.High, Ana, Now);
        ticket.ChangeStatus(TicketStatus.Open, Ana, AuthorityLevel.Unlimited, Now);

        Assert.Equal([1, 2, 3, 4], ticket.UncommittedEvents.Select(e => e.Sequence));
        Assert.Equal(4, ticket.Version);
    }

    [Fact]
    public void AddTag_IsLowerCasedAndAddedOnce()
    {
        var ticket = NewTicket().Committed();

        ticket.AddTag("Refund", Ana, Now);
        ticket.AddTag("refund", Ana, Now);

        Assert.Contains("refund", ticket.Tags);
        Assert.Single(ticket.UncommittedEvents);
    }

    [Fact]
    public void RecordCsat_OnAnOpenTicket_IsRefused()
    {
        var ticket = InStatus(TicketStatus.Open);

        Assert.Throws<TicketRuleViolationException>(() => ticket.RecordCsat(5, null, Ana, Now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void RecordCsat_OutOfRange_IsRefusedNamingScore(int score)
    {
        var ticket = InStatus(TicketStatus.Solved);

        Assert.Equal("score", Assert.Throws<TicketRuleViolationException>(() => ticket.RecordCsat(score, null, Ana, Now)).Field);
    }

    [Fact]
    public void RecordCsat_OnASolvedTicket_KeepsScoreAndComment()
    {
        var ticket = InStatus(TicketStatus.Solved);

        ticket.RecordCsat(4, "Quick and kind", Actor.Customer(ticket.RequesterId), Now);

        Assert.Equal(4, ticket.CsatScore);
        Assert.Equal("4", Assert.Single(ticket.UncommittedEvents)[TicketEventData.Score]);
    }

    [Fact]
    public void AddTimelineEntry_KeepsKindTextAndExtraData()
    {
        var ticket = NewTicket().Committed();

        ticket.AddTimelineEntry("briefing-sent", "Briefing sent to katrin", Actor.Policy("vip-escalation"), Now, new Dictionary<string, string> { ["template"] = "briefing" });

        var entry = Assert.Single(ticket.UncommittedEvents);
        Assert.Equal("briefing-sent", entry[TicketEventData.Kind]);
        Assert.Equal("briefing", entry["template"]);
        Assert.Equal("policy:vip-escalation", entry.Actor.ToString());
    }

    internal static Ticket InStatus(TicketStatus status, bool vip = false)
    {
        var ticket = NewTicket(vip);
        var path = status switch
        {
            TicketStatus.New => [],
            TicketStatus.Closed => new[] { TicketStatus.Open, TicketStatus.Solved, TicketStatus.Closed },
            TicketStatus.Solved => [TicketStatus.Open, TicketStatus.Solved],
            _ => [status],
        };
        foreach (var step in path)
        {
            ticket.ChangeStatus(step, Actor.System, AuthorityLevel.Unlimited, Now);
        }

        return ticket.Committed();
    }
}
