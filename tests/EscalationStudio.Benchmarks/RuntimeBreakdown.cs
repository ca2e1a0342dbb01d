using System.Diagnostics;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Benchmarks;

/// <summary>
/// Where an event's time goes (select with <c>-- runtime-breakdown</c>): each step of the desk and the dispatcher
/// timed on its own, sequentially, on the same host as the runtime benchmark (wall and process CPU time per call).
/// </summary>
internal static class RuntimeBreakdown
{
    private const int Rounds = 300;

    public static async Task RunAsync()
    {
        var steps = new StepClock();
        using var host = new RuntimeHost(steps, "retention-fast-lane.json");
        var services = host.Services;
        var queue = services.GetRequiredService<PolicyEventQueue>();
        var tickets = new List<Ticket>();
        Console.WriteLine("Runtime breakdown (ms per call, sequential)");

        await TimeAsync("desk.CreateAsync", async i => tickets.Add(await DeskAsync(services, d => d.CreateAsync(
            new NewTicket($"Invoice export stuck (#{i})", "Spins.", new NewTicketRequester($"C {i}", $"c{i}@example.com"), TicketChannel.Email), Actor.User("bench")))));
        await queue.WhenIdleAsync();
        await TimeAsync("desk.AddMessageAsync (no keyword)", i => DeskAsync(services, d =>
            d.AddMessageAsync(tickets[i].Id, MessageKind.Customer, "Any news?", Actor.Customer(tickets[i].Requester.Id))));
        await TimeAsync("  ... then dispatcher idle", _ => queue.WhenIdleAsync());
        await TimeAsync("desk.FindAsync", i => DeskAsync(services, d => d.FindAsync(tickets[i].Id)));

        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var bookmarks = services.GetRequiredService<IBookmarkStore>();
        var triggers = services.GetRequiredService<ITriggerStore>();
        await TimeAsync("bookmarks.FindByHashAsync (TicketChanged)", i => bookmarks.FindByHashAsync(
            StimulusHasher.Hash(TicketStimuli.TicketChanged, new TicketChangedPayload(tickets[i].Id.ToString()))).AsTask());
        await TimeAsync("triggers.ListAsync", _ => triggers.ListAsync().AsTask());

        var dispatcher = services.GetRequiredService<PolicyDispatcher>();
        await TimeAsync("dispatcher.DispatchAsync (no keyword, nothing waiting)", i => dispatcher.DispatchAsync(
            [new CommittedTicketEvents(tickets[i], [new TicketEvent(Guid.NewGuid(), tickets[i].Id, 99, TicketEventType.MessageAdded, Actor.Customer(tickets[i].Requester.Id), DateTimeOffset.UtcNow,
                new Dictionary<string, string> { [TicketEventData.Body] = "Any news?", [TicketEventData.MessageKind] = "customer" })])]));

        var refundRounds = 100;
        await TimeAsync("desk.AddMessageAsync (refund) + dispatcher idle = whole escalation", async i =>
        {
            await DeskAsync(services, d => d.AddMessageAsync(tickets[i].Id, MessageKind.Customer, "I want a refund", Actor.Customer(tickets[i].Requester.Id)));
            await queue.WhenIdleAsync();
        }, refundRounds);
        steps.PrintGaps(tickets.Take(refundRounds).Select(t => t.Id).ToHashSet());
        await TimeAsync("desk.AddMessageAsync (agent reply to an escalated ticket) + dispatcher idle", async i =>
        {
            await DeskAsync(services, d => d.AddMessageAsync(tickets[i].Id, MessageKind.Agent, "On it.", Actor.User("bench")));
            await queue.WhenIdleAsync();
        }, refundRounds);
    }

    private static async Task TimeAsync(string name, Func<int, Task> step, int rounds = Rounds)
    {
        // Process CPU time beside wall time: on a shared machine the wall time also counts waiting for a core.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            await step(i);
        }

        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"  {name}: {watch.Elapsed.TotalMilliseconds / rounds:N2} ms wall, {cpu.TotalMilliseconds / rounds:N2} ms CPU (all threads)");
    }

    /// <summary>When each committed event of a ticket was heard, to show the gaps between a policy's steps.</summary>
    private sealed class StepClock : ITicketEventObserver
    {
        private readonly List<(Guid Ticket, string Step, long At)> _heard = [];

        public ValueTask OnCommittedAsync(Ticket ticket, IReadOnlyList<TicketEvent> events, CancellationToken cancellationToken)
        {
            var now = Stopwatch.GetTimestamp();
            lock (_heard)
            {
                _heard.AddRange(events.Select(e => (e.TicketId, e.Type + (e[TicketEventData.Kind] is { } kind ? ":" + kind : ""), now)));
            }

            return ValueTask.CompletedTask;
        }

        public void PrintGaps(HashSet<Guid> tickets)
        {
            List<(Guid Ticket, string Step, long At)> heard;
            lock (_heard)
            {
                heard = _heard.Where(h => tickets.Contains(h.Ticket)).ToList();
            }

            var gaps = new Dictionary<string, List<double>>();
            foreach (var ticket in heard.GroupBy(h => h.Ticket))
            {
                var ordered = ticket.SkipWhile(h => h.Step != nameof(TicketEventType.MessageAdded)).Skip(1).ToList();
                var previous = ticket.First(h => h.Step == nameof(TicketEventType.MessageAdded) && ticket.Last(x => x.Step == nameof(TicketEventType.MessageAdded)).At == h.At);
                foreach (var step in ordered)
                {
                    var key = $"{previous.Step} -> {step.Step}";
                    (gaps.TryGetValue(key, out var list) ? list : gaps[key] = []).Add(Stopwatch.GetElapsedTime(previous.At, step.At).TotalMilliseconds);
                    previous = step;
                }
            }

            foreach (var (step, values) in gaps)
            {
                Console.WriteLine($"    {step}: {values.Average():N2} ms (n={values.Count})");
            }
        }
    }

    private static async Task<T> DeskAsync<T>(IServiceProvider services, Func<ITicketDesk, Task<T>> use)
    {
        await using var scope = services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<ITicketDesk>());
    }
}
