using EscalationStudio.Policies.Backlog;
using EscalationStudio.Policies.Tests.Runtime;
using EscalationStudio.Policies.Tests.Samples;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Policies.Tests.Backlog;

public sealed class BacklogCoverageQueueTests
{
    [Fact]
    public async Task Publishing_a_policy_with_an_sla_trigger_queues_one_sweep_of_the_tickets_open_at_that_moment()
    {
        await using var harness = new PolicyHarness(Brightline.Org, Brightline.MondayNineBerlin);
        var queue = harness.Services.GetRequiredService<BacklogCoverageQueue>();

        await harness.PublishAsync(SamplePolicies.OpenTooLong());

        Assert.True(queue.Reader.TryRead(out var request));
        Assert.Equal(new BacklogCoverageRequest("open-too-long", 1, Brightline.MondayNineBerlin), request);
        Assert.False(queue.WhenIdleAsync().IsCompleted);
    }

    [Fact]
    public async Task Publishing_again_before_the_sweep_begins_queues_no_second_sweep()
    {
        await using var harness = new PolicyHarness(Brightline.Org, Brightline.MondayNineBerlin);
        var queue = harness.Services.GetRequiredService<BacklogCoverageQueue>();

        await harness.PublishAsync(SamplePolicies.OpenTooLong());
        await harness.PublishAsync(SamplePolicies.OpenTooLong());

        Assert.True(queue.Reader.TryRead(out _));
        Assert.False(queue.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Policies_triggered_by_messages_or_customers_queue_no_sweep()
    {
        await using var harness = new PolicyHarness(Brightline.Org, Brightline.MondayNineBerlin);
        var queue = harness.Services.GetRequiredService<BacklogCoverageQueue>();

        await harness.PublishAsync(SamplePolicies.RetentionFastLane());
        await harness.PublishAsync(SamplePolicies.HighValueCustomers());
        await harness.PublishAsync(SamplePolicies.HandBackToTier1());

        Assert.False(queue.Reader.TryRead(out _));
        Assert.True(queue.WhenIdleAsync().IsCompleted);
    }
}
