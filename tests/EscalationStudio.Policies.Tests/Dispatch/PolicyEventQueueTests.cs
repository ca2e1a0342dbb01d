using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Tests.Briefings;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Policies.Tests.Dispatch;

public sealed class PolicyEventQueueTests
{
    private static readonly Ticket Ticket = SupportDesk.EscalatedTicket();

    [Fact]
    public async Task A_full_queue_leaves_every_later_commit_to_the_outbox_and_asks_callers_to_wait_until_the_dispatcher_has_caught_up()
    {
        using var queue = new PolicyEventQueue(Options.Create(new PolicyDispatchOptions { QueueCapacity = 2 }), outbox: new NoOutbox());
        await CommitAsync(queue, 3);

        Assert.Equal(2, queue.Depth);
        Assert.True(queue.IsSaturated);
        Assert.True(queue.NeedsCatchUp);
        await CommitAsync(queue, 1);
        Assert.Equal(2, queue.Depth);

        queue.MarkDispatched(queue.Take(int.MaxValue).Count);
        Assert.False(queue.WhenIdleAsync().IsCompleted);
        queue.QueueAgain();
        await CommitAsync(queue, 1);
        queue.CompleteCatchUp();

        Assert.False(queue.IsSaturated);
        Assert.Equal(1, queue.Depth);
        queue.MarkDispatched(queue.Take(int.MaxValue).Count);
        Assert.True(queue.WhenIdleAsync().IsCompleted);
    }

    [Fact]
    public async Task Without_an_outbox_the_queue_never_leaves_a_commit_out()
    {
        using var queue = new PolicyEventQueue(Options.Create(new PolicyDispatchOptions { QueueCapacity = 1 }));
        queue.BeginCatchUp();
        await CommitAsync(queue, 3);

        Assert.Equal(3, queue.Depth);
        Assert.False(queue.IsSaturated);
        Assert.False(queue.NeedsCatchUp);
    }

    [Fact]
    public async Task At_start_commits_wait_in_the_outbox_behind_the_older_ones_and_the_queue_is_not_idle_before_the_catch_up()
    {
        using var queue = new PolicyEventQueue(outbox: new NoOutbox());
        queue.BeginCatchUp();
        await CommitAsync(queue, 1);

        Assert.Equal(0, queue.Depth);
        Assert.Empty(queue.Take(int.MaxValue));
        Assert.False(queue.IsSaturated);
        Assert.False(queue.WhenIdleAsync().IsCompleted);
        queue.QueueAgain();
        queue.CompleteCatchUp();
        Assert.True(queue.WhenIdleAsync().IsCompleted);
    }

    private static async Task CommitAsync(PolicyEventQueue queue, int commits)
    {
        for (var i = 0; i < commits; i++)
        {
            await queue.OnCommittedAsync(Ticket, Ticket.UncommittedEvents, CancellationToken.None);
        }
    }

    private sealed class NoOutbox : ITicketEventOutbox
    {
        public Task<IReadOnlyList<Guid>> ListPendingAsync(DateTimeOffset recordedBy, int take, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<Guid>>([]);

        public Task<IReadOnlyList<PendingTicketEvents>> ReadPendingAsync(IReadOnlyList<Guid> ticketIds, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<PendingTicketEvents>>([]);

        public Task MarkHandledAsync(IReadOnlyCollection<HandledTicketEvents> handled, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task PostponeAsync(IReadOnlyCollection<Guid> ticketIds, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
