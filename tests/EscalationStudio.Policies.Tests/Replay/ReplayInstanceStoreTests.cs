using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Replay;
using EscalationStudio.Policies.Tests.Runtime;
using EscalationStudio.Policies.Tests.Samples;
using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.State;
using Microsoft.Extensions.DependencyInjection;
using static EscalationStudio.Policies.Tests.Runtime.Brightline;

namespace EscalationStudio.Policies.Tests.Replay;

/// <summary>
/// The replay keeps a waiting instance's captured state as it is, not as JSON: a run resumed from it must leave it
/// untouched and act exactly as a run resumed from JSON does.
/// </summary>
public sealed class ReplayInstanceStoreTests
{
    [Fact]
    public async Task A_run_resumed_from_a_kept_state_leaves_that_state_as_it_was()
    {
        var store = new ReplayInstanceStore();
        await using var harness = new PolicyHarness(Org, MondayNineBerlin, configure: services => services.AddSingleton<IWorkflowInstanceStore>(store));
        await harness.PublishAsync(SamplePolicies.FirstResponseLadder());
        var ticket = await harness.OpenAsync("Invoice export stuck", "It spins.");
        await harness.SettleAsync();
        var kept = await InstanceAsync(harness, ticket.Id);
        Assert.Same(kept, await InstanceAsync(harness, ticket.Id));
        var before = WorkflowStateJson.Serialize(kept);

        // Past the 50 % warning: the timer resumes the instance, which tags the ticket and waits again.
        await harness.AdvanceAsync(TimeSpan.FromHours(2.5));

        var after = await InstanceAsync(harness, ticket.Id);
        Assert.NotSame(kept, after);
        Assert.Equal(before, WorkflowStateJson.Serialize(kept));
        Assert.NotEqual(before, WorkflowStateJson.Serialize(after));
        Assert.Contains("sla-at-risk", (await harness.Desk.FindAsync(ticket.Id))!.Tags);
    }

    [Fact]
    public async Task A_policy_kept_by_the_replay_store_does_what_it_does_kept_as_json()
    {
        var kept = await RunLadderAsync(services => services.AddSingleton<IWorkflowInstanceStore>(new ReplayInstanceStore()));
        var asJson = await RunLadderAsync(_ => { });

        Assert.Contains(TicketEventType.Escalated, kept);
        Assert.Equal(asJson, kept);
    }

    /// <summary>The first-response ladder from the opening to its breach: warnings, tags, priority and the escalation.</summary>
    private static async Task<List<TicketEventType>> RunLadderAsync(Action<IServiceCollection> configure)
    {
        await using var harness = new PolicyHarness(Org, MondayNineBerlin, configure: configure);
        await harness.PublishAsync(SamplePolicies.FirstResponseLadder());
        var ticket = await harness.OpenAsync("Invoice export stuck", "It spins.");
        await harness.SettleAsync();
        for (var hour = 0; hour < 6; hour++)
        {
            await harness.AdvanceAsync(TimeSpan.FromHours(1));
        }

        return [.. (await harness.TimelineAsync(ticket.Id)).Select(e => e.Type)];
    }

    private static async Task<WorkflowState> InstanceAsync(PolicyHarness harness, Guid ticketId)
    {
        var instanceId = await harness.Services.GetRequiredService<IPolicyInstanceIndex>().FindAsync("first-response-ladder", ticketId);
        Assert.NotNull(instanceId);
        var state = await harness.Runtime.FindInstanceAsync(instanceId);
        Assert.NotNull(state);
        return state;
    }
}
