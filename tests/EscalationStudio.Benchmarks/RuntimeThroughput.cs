using System.Diagnostics;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Benchmarks;

/// <summary>
/// Ticket events through the whole runtime: desk calls from many callers at once (as concurrent API requests would
/// make them), the policy dispatcher matching triggers, the retention policy running and persisting, until the queue
/// is idle. Each caller waits for its call before making the next, like a client waiting for its HTTP response.
/// </summary>
internal sealed class RuntimeThroughput(IServiceProvider services, RuntimeEventClock clock, int callers)
{
    public int Callers => callers;

    /// <summary>Opens <paramref name="tickets"/> tickets and adds <paramref name="messagesPerTicket"/> customer messages to each; one ticket in ten asks for a refund.</summary>
    /// <returns>Ingested events, and the time until every policy reaction was stored.</returns>
    public async Task<(int Events, TimeSpan Elapsed, IReadOnlyList<Guid> RefundTickets)> RunAsync(int tickets, int messagesPerTicket, int firstNumber = 0)
    {
        var queue = services.GetRequiredService<PolicyEventQueue>();
        var refunds = new List<Guid>();
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < tickets; i = Interlocked.Increment(ref next))
            {
                var ticket = await CreateAsync(firstNumber + i);
                for (var m = 0; m < messagesPerTicket; m++)
                {
                    var refund = i % 10 == 0 && m == messagesPerTicket - 1;
                    await AddCustomerMessageAsync(ticket, refund ? "I would like a refund for last month, please." : $"Any news on this? (follow-up {m + 1})");
                    if (refund)
                    {
                        lock (refunds)
                        {
                            refunds.Add(ticket.Id);
                        }
                    }
                }
            }
        })));
        await queue.WhenIdleAsync();
        watch.Stop();
        return (tickets * (1 + messagesPerTicket), watch.Elapsed, refunds);
    }

    /// <summary>
    /// Sends one refund message per ticket at a steady rate while other customers' messages arrive at
    /// <paramref name="backgroundPerSecond"/> (the ordinary traffic a desk sees), and returns the message-to-escalation latencies
    /// with the background rate actually reached.
    /// </summary>
    public async Task<(List<double> LatenciesMs, double BackgroundPerSecond)> MeasureLatencyAsync(int messages, int perSecond, int backgroundPerSecond)
    {
        var tickets = new List<Ticket>();
        for (var i = 0; i < messages; i++)
        {
            tickets.Add(await CreateAsync(1_000_000 + i));
        }

        var busyTickets = new List<Ticket>();
        for (var i = 0; i < 500; i++)
        {
            busyTickets.Add(await CreateAsync(3_000_000 + i));
        }

        await services.GetRequiredService<PolicyEventQueue>().WhenIdleAsync();
        using var stopBackground = new CancellationTokenSource();
        var background = BackgroundTrafficAsync(busyTickets, backgroundPerSecond, stopBackground.Token);
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var start = Stopwatch.GetTimestamp();
        var sends = new List<Task>();
        for (var i = 0; i < messages; i++)
        {
            var due = interval * i;
            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            sends.Add(AddCustomerMessageAsync(tickets[i], "Please refund the duplicate charge."));
        }

        await Task.WhenAll(sends);
        await services.GetRequiredService<PolicyEventQueue>().WhenIdleAsync();
        await stopBackground.CancelAsync();
        var (sent, elapsed) = await background;
        await services.GetRequiredService<PolicyEventQueue>().WhenIdleAsync();
        return (clock.LatenciesMs(tickets.Select(t => t.Id)), sent / elapsed.TotalSeconds);
    }

    /// <summary>Customer follow-ups (no keyword) at a steady rate, each call awaited by its own task, until stopped.</summary>
    private async Task<(long Sent, TimeSpan Elapsed)> BackgroundTrafficAsync(IReadOnlyList<Ticket> tickets, int perSecond, CancellationToken stop)
    {
        var start = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>();
        long sent = 0;
        while (!stop.IsCancellationRequested)
        {
            var due = (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * perSecond);
            for (; sent < due; sent++)
            {
                inFlight.Add(AddCustomerMessageAsync(tickets[(int)(sent % tickets.Count)], $"Any news on this? (reminder {sent})"));
            }

            inFlight.RemoveAll(t => t.IsCompletedSuccessfully);
            try
            {
                await Task.Delay(5, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        await Task.WhenAll(inFlight);
        return (sent, elapsed);
    }

    private async Task<Ticket> CreateAsync(int number)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITicketDesk>().CreateAsync(
            new NewTicket(
                $"Invoice export stuck (#{number})",
                "The export button spins forever.",
                new NewTicketRequester($"Customer {number}", $"customer{number}@example.com", "Example Ltd", LifetimeValue: 500),
                TicketChannel.Email),
            Actor.User("benchmark"));
    }

    private async Task AddCustomerMessageAsync(Ticket ticket, string body)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ITicketDesk>().AddMessageAsync(ticket.Id, MessageKind.Customer, body, Actor.Customer(ticket.Requester.Id));
    }
}
