using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using static EscalationStudio.Domain.Tests.Tickets.TicketFixtures;

namespace EscalationStudio.Domain.Tests.Tickets;

public sealed class TicketLifecycleTests
{
    [Fact]
    public void Create_starts_new_with_one_created_event()
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
    public void Create_without_subject_is_refused_naming_subject()
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
    public void ChangeStatus_permitted_transition_moves_and_records_from_and_to(TicketStatus from, TicketStatus to)
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
    public void ChangeStatus_forbidden_transition_is_refused_and_records_nothing(TicketStatus from, TicketStatus to)
    {
        var ticket = InStatus(from);

        var error = Assert.Throws<TicketRuleViolationException>(() => ticket.ChangeStatus(to, Ana, AuthorityLevel.Unlimited, Now));

        Assert.Equal(from, ticket.Status);
        Assert.Empty(ticket.UncommittedEvents);
        Assert.Contains(to.ToText(), error.Message);
    }

    [Fact]
    public void ChangeStatus_to_the_current_status_changes_nothing()
    {
        var ticket = InStatus(TicketStatus.Open);

        ticket.ChangeStatus(TicketStatus.Open, Ana, AuthorityLevel.Unlimited, Now);

        Assert.Empty(ticket.UncommittedEvents);
    }

    [Theory]
    [InlineData(TicketStatus.Pending)]
    [InlineData(TicketStatus.OnHold)]
    [InlineData(TicketStatus.Solved)]
    public void AddMessage_customer_reply_on_a_waiting_or_solved_ticket_reopens_it(TicketStatus waiting)
    {
        var ticket = InStatus(waiting);

        ticket.AddMessage(MessageKind.Customer, "Any news?", Actor.Customer(ticket.RequesterId), Now);

        Assert.Equal(TicketStatus.Open, ticket.Status);
        Assert.Equal([TicketEventType.MessageAdded, TicketEventType.StatusChanged], ticket.UncommittedEvents.Select(e => e.Type));
    }

    [Fact]
    public void AddMessage_internal_note_leaves_a_pending_ticket_pending()
    {
        var ticket = InStatus(TicketStatus.Pending);

        var note = ticket.AddMessage(MessageKind.InternalNote, "Waiting on the bank", Ana, Now);

        Assert.Equal(TicketStatus.Pending, ticket.Status);
        Assert.False(note.IsPublic);
        Assert.Equal("internal-note", Assert.Single(ticket.UncommittedEvents)[TicketEventData.MessageKind]);
    }

    [Fact]
    public void AddMessage_on_a_closed_ticket_is_refused()
    {
        var ticket = InStatus(TicketStatus.Closed);

        Assert.Throws<TicketRuleViolationException>(() => ticket.AddMessage(MessageKind.Customer, "Hello?", Ana, Now));
    }

    [Fact]
    public void Events_are_numbered_without_gaps()
    {
        var ticket = NewTicket();
        ticket.AddTag("vip-watch", Ana, Now);
        ticket.SetPriority(TicketPriority.High, Ana, Now);
        ticket.ChangeStatus(TicketStatus.Open, Ana, AuthorityLevel.Unlimited, Now);

        Assert.Equal([1, 2, 3, 4], ticket.UncommittedEvents.Select(e => e.Sequence));
        Assert.Equal(4, ticket.Version);
    }

    [Fact]
    public void AddTag_is_lower_cased_and_added_once()
    {
        var ticket = NewTicket().Committed();

        ticket.AddTag("Refund", Ana, Now);
        ticket.AddTag("refund", Ana, Now);

        Assert.Contains("refund", ticket.Tags);
        Assert.Single(ticket.UncommittedEvents);
    }

    [Fact]
    public void RecordCsat_on_an_open_ticket_is_refused()
    {
        var ticket = InStatus(TicketStatus.Open);

        Assert.Throws<TicketRuleViolationException>(() => ticket.RecordCsat(5, null, Ana, Now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void RecordCsat_out_of_range_is_refused_naming_score(int score)
    {
        var ticket = InStatus(TicketStatus.Solved);

        Assert.Equal("score", Assert.Throws<TicketRuleViolationException>(() => ticket.RecordCsat(score, null, Ana, Now)).Field);
    }

    [Fact]
    public void RecordCsat_on_a_solved_ticket_keeps_score_and_comment()
    {
        var ticket = InStatus(TicketStatus.Solved);

        ticket.RecordCsat(4, "Quick and kind", Actor.Customer(ticket.RequesterId), Now);

        Assert.Equal(4, ticket.CsatScore);
        Assert.Equal("4", Assert.Single(ticket.UncommittedEvents)[TicketEventData.Score]);
    }

    [Fact]
    public void AddTimelineEntry_keeps_kind_text_and_extra_data()
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
