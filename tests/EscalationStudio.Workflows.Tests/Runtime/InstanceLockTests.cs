using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Workflows.Tests.Runtime;

public sealed class InstanceLockTests
{
    [Fact]
    public async Task A_second_holder_of_the_same_instance_waits_until_the_first_releases()
    {
        var instanceLock = new InProcessInstanceLock();
        var first = await instanceLock.AcquireAsync("ticket-1");

        var second = instanceLock.AcquireAsync("ticket-1").AsTask();
        var other = await instanceLock.AcquireAsync("ticket-2");
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await (await second).DisposeAsync();
        await other.DisposeAsync();
        Assert.Equal(0, instanceLock.ActiveCount);
    }
}
