using System.Net;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Server.Tests.Delivery;
using EscalationStudio.Server.Tests.Policies;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Durability;

/// <summary>A dispatch batch that fails leaves its events in the outbox; they are taken up again seconds later.</summary>
public sealed class DispatchRetryTests
{
    [Fact]
    public async Task Events_of_a_failed_batch_are_taken_up_again_seconds_later_not_at_the_next_sweep()
    {
        await using var server = new FailingOutboxServer();
        var admin = server.Admin();
        var queue = server.Services.GetRequiredService<PolicyEventQueue>();
        var outbox = server.Services.GetRequiredService<FailingOutbox>();
        var ticket = (await admin.CreateTicketAsync(subject: "Invoice question")).Id();
        await queue.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));

        // The batch with the refund request fails as it is marked handled (a deadlock, say): its events stay pending.
        outbox.FailNextMark();
        var refund = new { kind = "customer", body = "I want a refund for the double charge." };
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/tickets/{ticket}/messages", refund)).StatusCode);
        await outbox.Failed.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.NotEmpty(await PendingAsync(server, outbox));

        // The fake clock moves on half a second at a time, after a real second for the events to clear, and at most ten
        // seconds: far from the sweep (every 30 s, for entries 60 s old). Only the retry, due 2 s on, can take them.
        var advanced = TimeSpan.Zero;
        while (!await ClearedWithinAsync(server, outbox, TimeSpan.FromSeconds(1)))
        {
            Assert.True(advanced < TimeSpan.FromSeconds(10), "the failed batch's events were still pending");
            server.Clock.Advance(TimeSpan.FromMilliseconds(500));
            advanced += TimeSpan.FromMilliseconds(500);
        }

        Assert.InRange(advanced, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(6));

        // Heard twice (once before the failed mark, once again), the refund request still escalated the case once.
        Assert.Single(await admin.TimelineAsync(ticket), e => e.Type() == "escalated");
    }

    [Fact]
    public async Task A_catch_up_that_fails_at_start_is_tried_again_seconds_later_not_over_and_over()
    {
        // The database is away as the server starts: listing the outbox fails.
        await using var server = new FailingOutboxServer(listingFails: true);
        var outbox = server.Services.GetRequiredService<FailingOutbox>();
        var queue = server.Services.GetRequiredService<PolicyEventQueue>();
        await outbox.ListingFailed.WaitAsync(TimeSpan.FromSeconds(20));

        // A real second with the fake clock standing still: the failed catch-up waits for its retry (2 s of fake time).
        // Before, it was tried again at once, as fast as the error came back: thousands of times in that second.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, outbox.ListingAttempts);

        // Still away at the retry: tried once more, then it waits for the next retry, not for nothing.
        server.Clock.Advance(TimeSpan.FromSeconds(2.5));
        await Receivers.UntilAsync(() => outbox.ListingAttempts >= 2, "the catch-up's second try at its retry", seconds: 20);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(2, outbox.ListingAttempts);

        // The database is back; at the next retry the catch-up runs and policies hear ticket events again.
        outbox.ListingFails = false;
        server.Clock.Advance(TimeSpan.FromSeconds(2.5));
        await Receivers.UntilAsync(() => !queue.NeedsCatchUp, "the catch-up at its retry", seconds: 20);

        var admin = server.Admin();
        var ticket = (await admin.CreateTicketAsync(subject: "Invoice question")).Id();
        var refund = new { kind = "customer", body = "I want a refund for the double charge." };
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/tickets/{ticket}/messages", refund)).StatusCode);
        await queue.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Single(await admin.TimelineAsync(ticket), e => e.Type() == "escalated");
    }

    private static async Task<bool> ClearedWithinAsync(EscalationServer server, ITicketEventOutbox outbox, TimeSpan realTime)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await PendingAsync(server, outbox)).Count > 0)
        {
            if (waited.Elapsed > realTime)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    private static Task<IReadOnlyList<Guid>> PendingAsync(EscalationServer server, ITicketEventOutbox outbox) =>
        outbox.ListPendingAsync(server.Clock.GetUtcNow().AddDays(1), 10);

    /// <summary>The retention policy live, with an outbox the test can make fail once.</summary>
    private sealed class FailingOutboxServer(bool listingFails = false) : SamplePolicyServer("retention-fast-lane.json")
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                var outbox = services.Single(s => s.ServiceType == typeof(ITicketEventOutbox));
                services.Remove(outbox);
                services.AddSingleton(sp => new FailingOutbox((ITicketEventOutbox)ActivatorUtilities.CreateInstance(sp, outbox.ImplementationType!)) { ListingFails = listingFails });
                services.AddSingleton<ITicketEventOutbox>(sp => sp.GetRequiredService<FailingOutbox>());
            });
        }
    }

    /// <summary>The real outbox, except that the next marking of events as handled, or every listing, can be made to fail.</summary>
    private sealed class FailingOutbox(ITicketEventOutbox inner) : ITicketEventOutbox
    {
        private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _listingFailed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _failNext;
        private int _listingAttempts;

        public Task Failed => _failed.Task;

        public Task ListingFailed => _listingFailed.Task;

        public volatile bool ListingFails;

        public int ListingAttempts => Volatile.Read(ref _listingAttempts);

        public void FailNextMark() => Volatile.Write(ref _failNext, 1);

        public Task<IReadOnlyList<Guid>> ListPendingAsync(DateTimeOffset recordedBy, int take, CancellationToken cancellationToken = default)
        {
            if (ListingFails)
            {
                Interlocked.Increment(ref _listingAttempts);
                _listingFailed.TrySetResult();
                throw new InvalidOperationException("the outbox could not be read (the database is away)");
            }

            return inner.ListPendingAsync(recordedBy, take, cancellationToken);
        }

        public Task<IReadOnlyList<PendingTicketEvents>> ReadPendingAsync(IReadOnlyList<Guid> ticketIds, CancellationToken cancellationToken = default) =>
            inner.ReadPendingAsync(ticketIds, cancellationToken);

        public Task MarkHandledAsync(IReadOnlyCollection<HandledTicketEvents> handled, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _failNext, 0) == 1)
            {
                _failed.TrySetResult();
                throw new InvalidOperationException("the outbox could not be written (as a deadlock would have it)");
            }

            return inner.MarkHandledAsync(handled, cancellationToken);
        }

        public Task PostponeAsync(IReadOnlyCollection<Guid> ticketIds, CancellationToken cancellationToken = default) => inner.PostponeAsync(ticketIds, cancellationToken);
    }
}
