using EscalationStudio.Policies.Backlog;
using EscalationStudio.Policies.Tests.Runtime;
using EscalationStudio.Policies.Tests.Samples;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Policies.Tests.Backlog;

public sealed class BacklogCoverageQueueTests
{
    [Fact]
    public async Task PublishingAPolicyWithAnSlaTrigger_QueuesOneSweepOfTheTicketsOpenAtThatMoment()
    {
        await using var harness = new PolicyHarness(Brightline.Org, Brightline.MondayNineBerlin);
        var queue = harness.Services.GetRequiredService<BacklogCoverageQueue>();

        await harness.PublishAsync(SamplePolicies.OpenTooLong());

        Assert.True(queue.Reader.TryRead(out var request));
        Assert.Equal(new BacklogCoverageRequest("open-too-long", 1, Brightline.MondayNineBerlin), request);
        Assert.False(queue.WhenIdleAsync().IsCompleted);
    }

    [Fact]
    public async Task PublishingAgainBeforeTheSweepBegins_QueuesNoSecondSweep()
    {
        await using var harness = new PolicyHarness(Brightline.Org, Brightline.MondayNineBerlin);
        var queue = harness.Services.GetRequiredService<BacklogCoverageQueue>();

        await harness.PublishAsync(SamplePolicies.OpenTooLong());
        await harness.PublishAsync(SamplePolicies.OpenTooLong());

        Assert.True(queue.Reader.TryRead(out _));
        Assert.False(queue.Reader.TryRead(out _));
    }

    [Fact]
    public async Task PoliciesTriggeredByMessagesOrCustomers_QueueNoSweep()
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
