using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Persistence.Tickets;

namespace EscalationStudio.Persistence.Tests.Tickets;

/// <summary>The writer's kept tickets: bounded in tickets and in estimated bytes, recently used ones kept longest.</summary>
public sealed class CommittedTicketsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private static readonly Tier TierOne = new("tier-1", "Tier 1", TierKind.Level, 1, new AuthorityLevel(50, 25, false, false, false), null);

    [Fact]
    public void A_kept_ticket_is_found_until_two_generations_of_others_push_it_out()
    {
        var kept = new CommittedTickets(ticketsPerGeneration: 2, bytesPerGeneration: 1_000_000);
        var first = Committed();
        kept.Keep(first);

        kept.Keep(Committed());
        Assert.True(kept.TryGet(first.Id, out var found));
        Assert.Same(first, found);

        // The third ticket starts a new generation; the one after fills it and the fifth drops the first's.
        foreach (var other in Enumerable.Range(0, 3).Select(_ => Committed()))
        {
            kept.Keep(other);
        }

        Assert.False(kept.TryGet(first.Id, out _));
    }

    [Fact]
    public void A_ticket_looked_up_is_kept_in_the_current_generation()
    {
        var kept = new CommittedTickets(ticketsPerGeneration: 2, bytesPerGeneration: 1_000_000);
        var used = Committed();
        var unused = Committed();
        kept.Keep(used);
        kept.Keep(unused);
        kept.Keep(Committed());

        // Both are in the older generation now; the lookup brings 'used' back, so only 'unused' goes at the next turn.
        Assert.True(kept.TryGet(used.Id, out _));
        kept.Keep(Committed());
        kept.Keep(Committed());

        Assert.True(kept.TryGet(used.Id, out _));
        Assert.False(kept.TryGet(unused.Id, out _));
    }

    [Fact]
    public void Long_conversations_start_a_new_generation_before_the_ticket_count_does()
    {
        var kept = new CommittedTickets(ticketsPerGeneration: 100, bytesPerGeneration: 100_000);
        var talkative = Committed(messages: 6, bodyLength: 5_000);
        kept.Keep(talkative);
        kept.Keep(Committed(messages: 6, bodyLength: 5_000));
        kept.Keep(Committed(messages: 6, bodyLength: 5_000));

        Assert.False(kept.TryGet(talkative.Id, out _));
    }

    [Fact]
    public void Big_message_bodies_hold_the_kept_tickets_to_two_generations_of_bytes()
    {
        // The load: messages of 59 KB, thousands of them. A count of messages kept them all.
        const long budget = 2 * 1024 * 1024;
        var kept = new CommittedTickets(ticketsPerGeneration: 4096, bytesPerGeneration: budget);
        var keptAtMost = 0L;
        for (var i = 0; i < 200; i++)
        {
            kept.Keep(Committed(messages: 1, bodyLength: 59 * 1024));
            keptAtMost = Math.Max(keptAtMost, kept.Bytes);
        }

        // Two bytes a character: each ticket counts at least its body, so two generations hold at most 17 of the 200.
        Assert.InRange(keptAtMost, 2 * budget - CommittedTickets.EstimateBytes(Committed(messages: 1, bodyLength: 59 * 1024)), 2 * budget);
        Assert.InRange(kept.Count, 2, 2 * budget / (2 * 59 * 1024));
    }

    [Fact]
    public void The_estimate_counts_every_message_body_at_two_bytes_a_character()
    {
        var small = CommittedTickets.EstimateBytes(Committed(messages: 1, bodyLength: 10));
        var large = CommittedTickets.EstimateBytes(Committed(messages: 1, bodyLength: 10 + 50_000));
        var longer = CommittedTickets.EstimateBytes(Committed(messages: 3, bodyLength: 10));

        Assert.Equal(100_000, large - small);
        Assert.True(longer - small >= 2 * (2 * 10), "each further message counts its body and more");
    }

    [Fact]
    public void A_conversation_bigger_than_a_generation_is_not_kept_and_does_not_push_the_others_out()
    {
        var kept = new CommittedTickets(ticketsPerGeneration: 100, bytesPerGeneration: 50_000);
        var small = Committed();
        kept.Keep(small);
        var huge = Committed(messages: 1, bodyLength: 30_000);

        kept.Keep(huge);

        Assert.False(kept.TryGet(huge.Id, out _));
        Assert.True(kept.TryGet(small.Id, out _));
    }

    [Fact]
    public void A_forgotten_ticket_is_not_found()
    {
        var kept = new CommittedTickets(ticketsPerGeneration: 10, bytesPerGeneration: 1_000_000);
        var ticket = Committed();
        kept.Keep(ticket);

        kept.Forget(ticket.Id);

        Assert.False(kept.TryGet(ticket.Id, out _));
    }

    private static Ticket Committed(int messages = 0, int bodyLength = 0)
    {
        var customer = new Customer(Guid.CreateVersion7(), "Kim Kept", $"{Guid.NewGuid():N}@example.com", null, 0, false);
        var ticket = Ticket.Create(Guid.CreateVersion7(), "Kept", "A ticket to keep.", customer, TicketChannel.Email, TicketPriority.Normal, TierOne, null, [], Actor.System, Now);
        for (var i = 0; i < messages; i++)
        {
            ticket.AddMessage(MessageKind.Customer, bodyLength > 0 ? new string('m', bodyLength) : $"message {i}", Actor.Customer(customer.Id), Now);
        }

        ticket.TakeUncommittedEvents();
        return ticket;
    }
}
