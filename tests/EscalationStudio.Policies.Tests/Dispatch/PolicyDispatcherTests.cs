using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Tests.Runtime;
using EscalationStudio.Policies.Tests.Samples;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.State;
using Microsoft.Extensions.DependencyInjection;
using static EscalationStudio.Policies.Tests.Runtime.Brightline;

namespace EscalationStudio.Policies.Tests.Dispatch;

/// <summary>How the dispatcher hands ticket events to waiting and triggered policies: filtered, batched, in order.</summary>
public sealed class PolicyDispatcherTests
{
    private readonly CountingInstanceStore _instances = new();

    private PolicyHarness NewHarness() =>
        new(Org, MondayNineBerlin, configure: services => services.AddSingleton<IWorkflowInstanceStore>(_instances));

    private static PolicyFlow WaitsUntilSolved() =>
        new PolicyFlow("until-solved", "Until solved", "")
            .Node("Start", "TicketCreated", startsWorkflow: true)
            .Node("Wait", "WaitForTicket", new Dictionary<string, object> { ["condition"] = "Solved" })
            .Node("Seen", "AddTag", new Dictionary<string, object> { ["tag"] = "seen-solved" })
            .Connect("Start", "Done", "Wait")
            .Connect("Wait", "Happened", "Seen");

    private static async Task<WorkflowState?> InstanceAsync(PolicyHarness harness, string definitionId, Guid ticketId) =>
        await harness.Services.GetRequiredService<IPolicyInstanceIndex>().FindAsync(definitionId, ticketId) is { } instanceId
            ? await harness.Runtime.FindInstanceAsync(instanceId)
            : null;

    [Fact]
    public async Task Events_the_wait_cannot_use_skip_it_without_loading_the_instance_and_the_right_event_still_resumes_it()
    {
        await using var harness = NewHarness();
        await harness.PublishAsync(WaitsUntilSolved().Build());
        var ticket = await harness.OpenAsync("Invoice export stuck", "It spins.");
        var loadsWhileWaiting = _instances.Loads;

        await harness.Desk.AddMessageAsync(ticket.Id, MessageKind.Agent, "Looking into it.", Actor.Agent("ana.kovac"));
        await harness.Desk.AddMessageAsync(ticket.Id, MessageKind.Customer, "Thanks!", Actor.Customer(ticket.Requester.Id));
        await harness.Desk.SetPriorityAsync(ticket.Id, TicketPriority.High, Actor.Agent("ana.kovac"));
        await harness.Desk.ChangeStatusAsync(ticket.Id, TicketStatus.Pending, Actor.Agent("ana.kovac"));
        await harness.SettleAsync();

        // Not one of these can satisfy a wait for "solved" (a status change to pending included): none loads the instance.
        Assert.Equal(loadsWhileWaiting, _instances.Loads);
        Assert.Equal(WorkflowStatus.Running, (await InstanceAsync(harness, "until-solved", ticket.Id))?.Status);

        await harness.Desk.ChangeStatusAsync(ticket.Id, TicketStatus.Solved, Actor.Agent("ana.kovac"));
        await harness.SettleAsync();

        Assert.Equal(WorkflowStatus.Finished, (await InstanceAsync(harness, "until-solved", ticket.Id))?.Status);
        Assert.Contains("seen-solved", (await harness.Desk.FindAsync(ticket.Id))!.Tags);
    }

    [Fact]
    public async Task Commits_of_one_ticket_queued_together_are_dispatched_in_order_and_a_later_one_sees_the_instance_an_earlier_one_started()
    {
        await using var harness = NewHarness();
        await harness.PublishAsync(SamplePolicies.RetentionFastLane());
        var ticket = await harness.OpenAsync("Invoice export stuck", "It spins.");

        // Both commits are queued before the dispatcher runs, so they are dispatched in one batch: the refund starts the
        // policy, which ends up waiting for an agent's answer; the answer, next in the batch, must reach that wait.
        await harness.Desk.AddMessageAsync(ticket.Id, MessageKind.Customer, "I want a refund.", Actor.Customer(ticket.Requester.Id));
        await harness.Desk.AddMessageAsync(ticket.Id, MessageKind.Agent, "Refund is on its way.", Actor.Agent("ana.kovac"));
        await harness.SettleAsync();
        await harness.AdvanceAsync(TimeSpan.FromMinutes(10));

        var timeline = await harness.TimelineAsync(ticket.Id);
        Assert.Single(timeline, e => e.Type == TicketEventType.Escalated);
        Assert.DoesNotContain(timeline, e => e.Type == TicketEventType.Reassigned);
        Assert.Equal(WorkflowStatus.Finished, (await InstanceAsync(harness, "retention-fast-lane", ticket.Id))?.Status);
    }

    [Fact]
    public async Task A_batch_of_many_tickets_starts_one_policy_instance_per_ticket_and_a_second_trigger_on_the_same_ticket_starts_none()
    {
        await using var harness = NewHarness();
        await harness.PublishAsync(SamplePolicies.RetentionFastLane());
        var tickets = new List<Ticket>();
        for (var i = 0; i < 5; i++)
        {
            tickets.Add(await harness.Desk.CreateAsync(new NewTicket($"Refund #{i}", "I want a refund.",
                new NewTicketRequester($"Customer {i}", $"c{i}@example.com"), TicketChannel.Email), Actor.System));
            await harness.Desk.AddMessageAsync(tickets[^1].Id, MessageKind.Customer, "Cancel my plan, urgent.", Actor.System);
        }

        await harness.SettleAsync();

        foreach (var ticket in tickets)
        {
            Assert.Single(await harness.TimelineAsync(ticket.Id), e => e.Type == TicketEventType.Escalated);
        }

        Assert.Equal(tickets.Count, (await _instances.ListAsync(new WorkflowInstanceQuery { DefinitionId = "retention-fast-lane" })).Count);
    }

    [Fact]
    public async Task Retracting_a_policy_stops_its_trigger_at_once_and_publishing_it_again_restarts_it()
    {
        await using var harness = NewHarness();
        var policy = SamplePolicies.RetentionFastLane();
        await harness.PublishAsync(policy);
        var before = await harness.OpenAsync("Refund please", "I want a refund.");

        await harness.Runtime.RetractAsync(policy.DefinitionId);
        var retracted = await harness.OpenAsync("Refund please", "I want a refund.");

        await harness.PublishAsync(policy);
        var again = await harness.OpenAsync("Refund please", "I want a refund.");

        Assert.Single(await harness.TimelineAsync(before.Id), e => e.Type == TicketEventType.Escalated);
        Assert.DoesNotContain(await harness.TimelineAsync(retracted.Id), e => e.Type == TicketEventType.Escalated);
        Assert.Single(await harness.TimelineAsync(again.Id), e => e.Type == TicketEventType.Escalated);
    }

    /// <summary>Counts instance loads: what filtering before resuming saves.</summary>
    private sealed class CountingInstanceStore : IWorkflowInstanceStore
    {
        private readonly InMemoryWorkflowInstanceStore _inner = new();
        private int _loads;

        public int Loads => Volatile.Read(ref _loads);

        public ValueTask SaveAsync(WorkflowState state, CancellationToken cancellationToken = default) => _inner.SaveAsync(state, cancellationToken);

        public ValueTask<WorkflowState?> FindAsync(string instanceId, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _loads);
            return _inner.FindAsync(instanceId, cancellationToken);
        }

        public ValueTask<IReadOnlyList<WorkflowInstanceSummary>> ListAsync(WorkflowInstanceQuery query, CancellationToken cancellationToken = default) =>
            _inner.ListAsync(query, cancellationToken);
    }
}
