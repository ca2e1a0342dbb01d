using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Tests.Samples;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Policies.Tests.Runtime;

public sealed class RestartTests
{
    [Fact]
    public async Task After_a_restart_with_an_empty_index_a_waiting_instance_still_blocks_a_second_start()
    {
        await using var harness = new PolicyHarness(Brightline.Org, Brightline.MondayNineBerlin,
            configure: services => services.AddSingleton<IPolicyInstanceIndex, ForgetfulIndex>());
        await harness.PublishAsync(SamplePolicies.RetentionFastLane());
        var ticket = await harness.OpenAsync("Refund", "refund please");

        await harness.Desk.AddMessageAsync(ticket.Id, MessageKind.Customer, "Cancel it, this is urgent", Actor.System);
        await harness.SettleAsync();

        Assert.Single(await harness.TimelineAsync(ticket.Id), e => e.Type == TicketEventType.Escalated);
        Assert.Single(await harness.TimelineAsync(ticket.Id), e => e[TicketEventData.Kind] == "customer-notification");
        Assert.DoesNotContain(await harness.TimelineAsync(ticket.Id), e => e[TicketEventData.Kind] == "escalation-refused");
    }

    /// <summary>What the in-process index knows right after a restart: nothing.</summary>
    private sealed class ForgetfulIndex : IPolicyInstanceIndex
    {
        public ValueTask<string?> FindAsync(string definitionId, Guid ticketId, CancellationToken cancellationToken = default) => ValueTask.FromResult<string?>(null);

        public ValueTask TrackAsync(string definitionId, Guid ticketId, string instanceId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
