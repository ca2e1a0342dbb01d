using System.Net;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Server.Tests.Policies;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EscalationStudio.Server.Tests.Durability;

/// <summary>When the policies fall behind, ticket changes are refused with 503 and Retry-After; reading goes on.</summary>
public sealed class BackpressureTests
{
    [Fact]
    public async Task Ticket_changes_are_answered_503_with_retry_after_while_the_policy_queue_is_full_and_reads_still_work()
    {
        await using var server = new StalledDispatcherServer();
        var admin = server.Admin();
        var ticket = (await admin.CreateTicketAsync()).Id();
        var first = await admin.PostAsync($"/api/tickets/{ticket}/messages", new { kind = "customer", body = "Any news?" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(server.Services.GetRequiredService<PolicyEventQueue>().IsSaturated);

        var refused = await admin.PostAsync($"/api/tickets/{ticket}/messages", new { kind = "customer", body = "Hello?" });
        var problem = await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("nothing was changed", (string?)problem["detail"]);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/tickets/{ticket}")).StatusCode);
        Assert.DoesNotContain(await admin.TimelineAsync(ticket), e => e.Data("body") == "Hello?");
    }

    [Fact]
    public async Task After_the_queue_overflows_the_dispatcher_catches_up_from_the_outbox_at_once_not_at_the_next_sweep()
    {
        await using var server = new OverflowingQueueServer();
        var admin = server.Admin();
        var queue = server.Services.GetRequiredService<PolicyEventQueue>();
        var ticket = (await admin.CreateTicketAsync(subject: "Invoice question")).Id();
        await queue.WhenIdleAsync();

        // The dispatcher stalls on its next batch, so the queue (two commits) overflows on the third message: the
        // refund request waits in the outbox only.
        var outbox = server.Services.GetRequiredService<GatedOutbox>();
        outbox.Close();
        foreach (var body in new[] { "Any news?", "Still waiting.", "I want a refund for the double charge." })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/tickets/{ticket}/messages", new { kind = "customer", body })).StatusCode);
        }

        Assert.True(queue.IsSaturated);
        outbox.Open();

        // The fake clock stands still, so the 30-second sweep never comes: only catching up at once gets the refund heard.
        await queue.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.False(queue.IsSaturated);
        Assert.Single(await admin.TimelineAsync(ticket), e => e.Type() == "escalated");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/tickets/{ticket}/messages", new { kind = "customer", body = "Thanks." })).StatusCode);
    }

    /// <summary>The retention policy live, a queue of two commits, and an outbox whose marking the test can hold up.</summary>
    private sealed class OverflowingQueueServer : SamplePolicyServer
    {
        public OverflowingQueueServer()
            : base("retention-fast-lane.json")
        {
            Settings["Escalation:Dispatch:QueueCapacity"] = "2";
        }

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                var outbox = services.Single(s => s.ServiceType == typeof(ITicketEventOutbox));
                services.Remove(outbox);
                services.AddSingleton(sp => new GatedOutbox((ITicketEventOutbox)ActivatorUtilities.CreateInstance(sp, outbox.ImplementationType!)));
                services.AddSingleton<ITicketEventOutbox>(sp => sp.GetRequiredService<GatedOutbox>());
            });
        }
    }

    /// <summary>The real outbox, except that marking events handled waits while the gate is closed.</summary>
    private sealed class GatedOutbox(ITicketEventOutbox inner) : ITicketEventOutbox
    {
        private volatile TaskCompletionSource _gate = Opened();

        public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _gate.TrySetResult();

        public Task<IReadOnlyList<Guid>> ListPendingAsync(DateTimeOffset recordedBy, int take, CancellationToken cancellationToken = default) =>
            inner.ListPendingAsync(recordedBy, take, cancellationToken);

        public Task<IReadOnlyList<PendingTicketEvents>> ReadPendingAsync(IReadOnlyList<Guid> ticketIds, CancellationToken cancellationToken = default) =>
            inner.ReadPendingAsync(ticketIds, cancellationToken);

        public async Task MarkHandledAsync(IReadOnlyCollection<HandledTicketEvents> handled, CancellationToken cancellationToken = default)
        {
            await _gate.Task.WaitAsync(cancellationToken);
            await inner.MarkHandledAsync(handled, cancellationToken);
        }

        public Task PostponeAsync(IReadOnlyCollection<Guid> ticketIds, CancellationToken cancellationToken = default) => inner.PostponeAsync(ticketIds, cancellationToken);

        private static TaskCompletionSource Opened()
        {
            var gate = new TaskCompletionSource();
            gate.SetResult();
            return gate;
        }
    }

    /// <summary>A queue of one commit and no dispatcher running: the second commit overflows it.</summary>
    private sealed class StalledDispatcherServer : EscalationServer
    {
        public StalledDispatcherServer()
        {
            Settings["Escalation:Dispatch:QueueCapacity"] = "1";
        }

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                var dispatch = services.Single(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(PolicyDispatchService));
                services.Remove(dispatch);
            });
        }
    }
}
