using System.Text.RegularExpressions;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Tickets;
using static EscalationStudio.Domain.Tests.Tickets.TicketFixtures;

namespace EscalationStudio.Domain.Tests.Tickets;

/// <summary>
/// Text a ticket can hold: PostgreSQL refuses NUL, and an unpaired surrogate is no character. The domain refuses both,
/// naming the field, so neither the API nor a policy can hand the writer a change the database will not take.
/// </summary>
public sealed class TicketTextStorageTests
{
    [Theory]
    [InlineData("plain text")]
    [InlineData("")]
    [InlineData("emoji 💩 and ünïcödé ✓")]
    [InlineData("line\r\nbreaks\tand tabs")]
    public void Unstorable_accepts_ordinary_text(string text) => Assert.Null(TicketText.Unstorable(text));

    // Escaped as C# would write them, and unescaped by the test: an attribute cannot hold a lone surrogate (the
    // compiler stores attribute strings as UTF-8, which turns one into U+FFFD).
    [Theory]
    [InlineData(@"a\u0000b", "NUL", 2)]
    [InlineData(@"\u0000", "NUL", 1)]
    [InlineData(@"high \uD800 alone", "U+D800", 6)]
    [InlineData(@"ends high \uD83D", "U+D83D", 11)]
    [InlineData(@"low \uDC00 alone", "U+DC00", 5)]
    [InlineData(@"pair reversed \uDCA9\uD83D", "U+DCA9", 15)]
    [InlineData(@"fine \uD83D\uDCA9 then \uDFFF", "U+DFFF", 14)]
    public void Unstorable_names_the_character_and_its_position(string escaped, string what, int position)
    {
        var text = Regex.Unescape(escaped);

        var problem = TicketText.Unstorable(text);

        Assert.NotNull(problem);
        Assert.Contains(what, problem);
        Assert.Contains($"position {position}", problem);
    }

    [Fact]
    public void AddMessage_with_nul_is_refused_naming_body_and_changes_nothing()
    {
        var ticket = NewTicket();
        ticket.TakeUncommittedEvents();

        var error = Assert.Throws<TicketRuleViolationException>(() => ticket.AddMessage(MessageKind.Customer, "refund\0now", Ana, Now));

        Assert.Equal("body", error.Field);
        Assert.Empty(ticket.Messages);
        Assert.Empty(ticket.UncommittedEvents);
        Assert.Equal(1, ticket.Version);
    }

    [Fact]
    public void Verbs_a_policy_uses_refuse_unstorable_text_naming_their_field()
    {
        var ticket = NewTicket();
        var lone = "\uD800";

        Assert.Equal("reason", Assert.Throws<TicketRuleViolationException>(() => ticket.EscalateTo(TestOrg, "tier-2", null, lone, Ana, Now)).Field);
        Assert.Equal("note", Assert.Throws<TicketRuleViolationException>(() => ticket.ChangeStatus(TicketStatus.Open, Ana, FrontlineAuthority, Now, "a\0")).Field);
        Assert.Equal("tag", Assert.Throws<TicketRuleViolationException>(() => ticket.AddTag("vip\0", Ana, Now)).Field);
        Assert.Equal("text", Assert.Throws<TicketRuleViolationException>(() => ticket.AddTimelineEntry("briefing-sent", "brief\0", Actor.Policy("p"), Now)).Field);
        Assert.Equal("reason", Assert.Throws<TicketRuleViolationException>(() => ticket.RequireSignOff(lone, Actor.Policy("p"), Now)).Field);
        Assert.Equal("tier-1", ticket.TierId);
        Assert.Equal(TicketStatus.New, ticket.Status);
    }

    [Fact]
    public void Event_data_from_elsewhere_is_checked_too()
    {
        var ticket = NewTicket();

        // A policy's decision ends up in the event's data only.
        var error = Assert.Throws<TicketRuleViolationException>(() =>
            ticket.AddTimelineEntry("sla-warning", "due soon", Actor.Policy("p"), Now, new Dictionary<string, string> { ["activity"] = "x\0" }));

        Assert.Equal("activity", error.Field);
    }

    [Fact]
    public void Create_and_a_new_customer_refuse_unstorable_text_naming_the_field()
    {
        Assert.Equal("requester.name", Assert.Throws<TicketRuleViolationException>(() =>
            new Customer(Guid.NewGuid(), "Dana\0", "dana@example.com", null, 0, false)).Field);
        var customer = new Customer(Guid.NewGuid(), "Dana", "dana@example.com", null, 0, false);
        Assert.Equal("description", Assert.Throws<TicketRuleViolationException>(() => Ticket.Create(
            Guid.NewGuid(), "Subject", "desc\0", customer, TicketChannel.Email, TicketPriority.Low, TestOrg.FindTier("tier-1")!, null, [], Actor.System, Now)).Field);
        Assert.Equal("tags", Assert.Throws<TicketRuleViolationException>(() => Ticket.Create(
            Guid.NewGuid(), "Subject", "", customer, TicketChannel.Email, TicketPriority.Low, TestOrg.FindTier("tier-1")!, null, ["ok", "\uDC00"], Actor.System, Now)).Field);
    }
}
