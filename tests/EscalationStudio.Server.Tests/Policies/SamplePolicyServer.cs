using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Timers;
using EscalationStudio.Server.Tests.Org;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace EscalationStudio.Server.Tests.Policies;

/// <summary>
/// The test server with one of the repository's sample policies (workflows/escalation/) in its workflows folder, so
/// the policy runs exactly as shipped; the fake clock drives its Quartz timers.
/// </summary>
public abstract class SamplePolicyServer : EscalationServer
{
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(20);

    /// <param name="policyFiles">Sample policies live from the start; none for a server whose policies a test publishes.</param>
    protected SamplePolicyServer(params string[] policyFiles)
    {
        foreach (var policyFile in policyFiles)
        {
            var policy = Path.Combine(Root, "workflows", "escalation", policyFile);
            Directory.CreateDirectory(Path.GetDirectoryName(policy)!);
            File.Copy(Path.Combine(RepositoryFolder.Path, "workflows", "escalation", policyFile), policy);
        }
    }

    /// <summary>Moves the fake clock forward in steps, letting every timer due at each step fire and its policy finish.</summary>
    public async Task AdvanceAsync(TimeSpan by, TimeSpan step)
    {
        var target = Clock.GetUtcNow() + by;
        while (Clock.GetUtcNow() < target)
        {
            var next = Clock.GetUtcNow() + step;
            Clock.Advance((next < target ? next : target) - Clock.GetUtcNow());
            await SettleAsync();
        }
    }

    /// <summary>Moves the fake clock to <paramref name="at"/> in steps (see <see cref="AdvanceAsync"/>).</summary>
    public Task AdvanceToAsync(DateTimeOffset at, TimeSpan step) => AdvanceAsync(at - Clock.GetUtcNow(), step);

    /// <summary>
    /// Waits (in real time, as Quartz and the dispatcher run on their own threads) until no timer is due at the fake
    /// clock's time or still running (a fired one-shot trigger stays, without a next fire time, until its job ends)
    /// and every ticket event has been dispatched to the policies.
    /// </summary>
    public async Task SettleAsync()
    {
        var scheduler = await Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var queue = Services.GetRequiredService<PolicyEventQueue>();
        var deadline = DateTime.UtcNow + SettleLimit;
        var quietChecks = 0;
        while (quietChecks < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, $"timers due by {Clock.GetUtcNow():u} did not fire and settle within {SettleLimit.TotalSeconds} s");
            await queue.WhenIdleAsync();
            quietChecks = await HasDueTimersAsync(scheduler) ? 0 : quietChecks + 1;
            await Task.Delay(20);
        }
    }

    private async Task<bool> HasDueTimersAsync(IScheduler scheduler)
    {
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(QuartzTimerBackend.Group)))
        {
            if (await scheduler.GetTrigger(key) is { } trigger && (trigger.NextFireTimeUtc is not { } next || next <= Clock.GetUtcNow()))
            {
                return true;
            }
        }

        return false;
    }
}

public sealed class OpenTooLongServer() : SamplePolicyServer("open-too-long.json");

public sealed class RetentionFastLaneServer : SamplePolicyServer
{
    public const string RetentionAgentKey = "test-agent-nina-petrova-01";

    public RetentionFastLaneServer()
        : base("retention-fast-lane.json")
    {
        Settings["Auth:ApiKeys:5:Key"] = RetentionAgentKey;
        Settings["Auth:ApiKeys:5:Role"] = "agent";
        Settings["Auth:ApiKeys:5:AgentId"] = "nina.petrova";
    }
}

public sealed class HighValueCustomersServer() : SamplePolicyServer("high-value-customers.json");

/// <summary>With the high-value policy beside it, as shipped: a high-value customer may ask for a manager too.</summary>
public sealed class CustomerAsksForAManagerServer() : SamplePolicyServer("customer-asks-for-a-manager.json", "high-value-customers.json");

public sealed class FirstResponseLadderServer() : SamplePolicyServer("first-response-ladder.json");

public sealed class HandBackToTier1Server() : SamplePolicyServer("hand-back-to-tier-1.json");
