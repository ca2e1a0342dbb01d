using System.Collections;
using System.Reflection;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using static EscalationStudio.Domain.Tests.Tickets.TicketFixtures;

namespace EscalationStudio.Domain.Tests.Tickets;

public sealed class TicketCopyTests
{
    [Fact]
    public void A_copy_holds_every_field_of_the_committed_ticket()
    {
        var ticket = WellWorn();

        var copy = ticket.Copy();

        // Field by field, so a field added to Ticket later and forgotten in the copy fails here.
        foreach (var field in typeof(Ticket).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public))
        {
            var original = field.GetValue(ticket);
            var copied = field.GetValue(copy);
            if (original is IEnumerable list and not string)
            {
                Assert.Equal(list.Cast<object>(), ((IEnumerable)copied!).Cast<object>());
                Assert.NotSame(original, copied);
            }
            else
            {
                Assert.Equal(original, copied);
            }
        }
    }

    [Fact]
    public void Changing_the_copy_leaves_the_committed_ticket_as_it_was()
    {
        var ticket = WellWorn();
        var version = ticket.Version;

        var copy = ticket.Copy();
        copy.AddTag("changed", Ana, Now.AddHours(2));
        copy.AddMessage(MessageKind.Customer, "And another thing.", Actor.Customer(ticket.RequesterId), Now.AddHours(2));
        copy.SetPriority(TicketPriority.Urgent, Ana, Now.AddHours(2));

        Assert.Equal(version, ticket.Version);
        Assert.DoesNotContain("changed", ticket.Tags);
        Assert.Equal(2, ticket.Messages.Count);
        Assert.Equal(TicketPriority.High, ticket.Priority);
        Assert.Empty(ticket.UncommittedEvents);
        Assert.Equal(version + 3, copy.Version);
        Assert.Equal(3, copy.UncommittedEvents.Count);
    }

    [Fact]
    public void A_ticket_with_uncommitted_events_is_not_copied()
    {
        var ticket = NewTicket();

        var error = Assert.Throws<InvalidOperationException>(ticket.Copy);

        Assert.Contains("uncommitted", error.Message);
    }

    private static Ticket WellWorn()
    {
        var ticket = NewTicket(vip: true).Committed();
        ticket.AddMessage(MessageKind.Customer, "Still broken.", Actor.Customer(ticket.RequesterId), Now.AddHours(1));
        ticket.AddMessage(MessageKind.InternalNote, "Looking into it.", Ana, Now.AddHours(1));
        ticket.AddTag("billing", Ana, Now.AddHours(1));
        ticket.SetPriority(TicketPriority.High, Ana, Now.AddHours(1), "customer waiting");
        ticket.RequestEscalation("customer asked for a manager", Ana, Now.AddHours(1));
        ticket.EscalateTo(TestOrg, "tier-2", "katrin", "asked for a manager", Ana, Now.AddHours(1));
        ticket.RequireSignOff("VIP customer", Claire, Now.AddHours(1));
        return ticket.Committed();
    }
}
