using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Routing;
using EscalationStudio.Policies.Tests.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Policies.Tests.Routing;

public sealed class OwnerPickingTests
{
    private static readonly AuthorityLevel Any = new(100, 100, false, false, false);

    private static readonly OrgDirectory Team = new("Team",
        [new Tier("tier-1", "Tier 1", TierKind.Level, 1, Any, null)],
        [
            new Agent("ada", "Ada", "tier-1", ["billing"], 2, "ada@example.com", null),
            new Agent("bob", "Bob", "tier-1", [], 5, "bob@example.com", null),
            new Agent("cyd", "Cyd", "tier-1", ["billing"], 5, "cyd@example.com", null),
        ],
        []);

    private static async Task<(PolicyHarness Harness, IAgentWorkload Workload)> DeskWithTicketsAsync(params string[] owners)
    {
        var harness = new PolicyHarness(Team, Brightline.MondayNineBerlin);
        foreach (var owner in owners)
        {
            await harness.Desk.CreateAsync(new NewTicket("Help", "Help", new NewTicketRequester("Maria", $"{Guid.NewGuid():N}@example.com"),
                TicketChannel.Email, OwnerAgentId: owner), Actor.System);
        }

        return (harness, harness.Services.GetRequiredService<IAgentWorkload>());
    }

    [Fact]
    public async Task Workload_counts_open_tickets_per_owner_and_forgets_solved_ones()
    {
        var (harness, workload) = await DeskWithTicketsAsync("ada", "ada", "bob");
        await using var _ = harness;
        Assert.Equal(2, (await workload.OpenTicketsByAgentAsync())["ada"]);

        var adas = (await harness.Desk.ReadEventsAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue).ToListAsync())
            .First(e => e.Type == TicketEventType.Created && e[TicketEventData.Owner] == "ada").TicketId;
        await harness.Desk.ChangeStatusAsync(adas, TicketStatus.Solved, Actor.Agent("ada"));
        await harness.Desk.ReassignAsync((await harness.Desk.ReadEventsAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue).ToListAsync())
            .First(e => e.Type == TicketEventType.Created && e[TicketEventData.Owner] == "bob").TicketId, "cyd", Actor.Agent("bob"));

        var load = await workload.OpenTicketsByAgentAsync();
        Assert.Equal(1, load["ada"]);
        Assert.False(load.ContainsKey("bob"));
        Assert.Equal(1, load["cyd"]);
    }

    [Fact]
    public async Task LeastLoaded_picks_the_agent_with_the_most_room_for_their_capacity()
    {
        var (harness, workload) = await DeskWithTicketsAsync("ada", "bob", "bob", "cyd");
        await using var _ = harness;
        var picker = new OwnerPicker(workload);
        Assert.Equal("cyd", await PickAsync(picker, OwnerPick.LeastLoaded));
    }

    [Fact]
    public async Task LeastLoaded_counts_picks_not_committed_yet_so_cases_handled_at_once_spread_out()
    {
        var (harness, workload) = await DeskWithTicketsAsync();
        await using var _ = harness;
        var picker = new OwnerPicker(workload);

        // Two escalations at the same moment, neither committed: the second must not land on the first one's agent.
        using var first = await picker.PickAsync(Team, "tier-1", OwnerPick.LeastLoaded, null, null);
        using (var second = await picker.PickAsync(Team, "tier-1", OwnerPick.LeastLoaded, null, null))
        {
            Assert.Equal("ada", first.AgentId);
            Assert.Equal("bob", second.AgentId);
        }

        // A pick given up (its escalation failed) stops counting: bob is free again, ada still holds one of her two.
        Assert.Equal("bob", await PickAsync(picker, OwnerPick.LeastLoaded));
    }

    [Fact]
    public async Task Two_nodes_take_turns_per_tier_so_the_second_pick_sees_the_first_ones_committed_assignment()
    {
        var (harness, workload) = await DeskWithTicketsAsync();
        await using var _ = harness;
        var turns = new TierTurns();
        // Two nodes: each its own picker (and its own in-process counts), one shared database lock and workload.
        var nodeA = new OwnerPicker(workload, turns);
        var nodeB = new OwnerPicker(workload, turns);

        var first = await nodeA.PickAsync(Team, "tier-1", OwnerPick.LeastLoaded, null, null);
        var second = nodeB.PickAsync(Team, "tier-1", OwnerPick.LeastLoaded, null, null).AsTask();
        Assert.Equal("ada", first.AgentId);
        Assert.False(second.IsCompleted, "node B waits for node A's turn");

        await harness.Desk.CreateAsync(new NewTicket("Escalated", "Escalated", new NewTicketRequester("Maria", "maria@example.com"), TicketChannel.Email,
            OwnerAgentId: first.AgentId), Actor.System);
        await first.DisposeAsync();

        await using var picked = await second;
        Assert.Equal("bob", picked.AgentId);
    }

    [Fact]
    public async Task Two_nodes_a_pick_of_nobody_gives_the_turn_back_at_once()
    {
        var (harness, workload) = await DeskWithTicketsAsync("ada", "ada", "cyd", "cyd", "cyd", "cyd", "cyd");
        await using var _ = harness;
        var turns = new TierTurns();
        var picker = new OwnerPicker(workload, turns);

        await using var nobody = await picker.PickAsync(Team, "tier-1", OwnerPick.Skills, "billing", null);

        Assert.Null(nobody.AgentId);
        Assert.Equal(0, turns.Held);
    }

    [Fact]
    public async Task Skills_counts_picks_not_committed_yet_against_capacity()
    {
        var (harness, workload) = await DeskWithTicketsAsync("ada", "cyd", "cyd", "cyd", "cyd", "cyd");
        await using var _ = harness;
        var picker = new OwnerPicker(workload);

        using var last = await picker.PickAsync(Team, "tier-1", OwnerPick.Skills, "billing", null);

        Assert.Equal("ada", last.AgentId);
        Assert.Null(await PickAsync(picker, OwnerPick.Skills, "billing"));
    }

    [Fact]
    public async Task Skills_only_considers_agents_with_the_skill_and_never_one_at_capacity()
    {
        var (harness, workload) = await DeskWithTicketsAsync("ada", "ada", "cyd", "cyd", "cyd", "cyd", "cyd");
        await using var _ = harness;
        var picker = new OwnerPicker(workload);
        Assert.Null(await PickAsync(picker, OwnerPick.Skills, "billing"));
        Assert.Equal("bob", await PickAsync(picker, OwnerPick.LeastLoaded));
    }

    [Fact]
    public async Task RoundRobin_takes_turns()
    {
        var picker = new OwnerPicker();
        var picks = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            picks.Add(await PickAsync(picker, OwnerPick.RoundRobin));
        }

        Assert.Equal(["ada", "bob", "cyd", "ada"], picks);
    }

    [Fact]
    public async Task Queue_picks_nobody() =>
        Assert.Null(await PickAsync(new OwnerPicker(), OwnerPick.Queue));

    /// <summary>The database lock of several nodes, in memory: one turn per tier.</summary>
    private sealed class TierTurns : ITierPickLock
    {
        private readonly SemaphoreSlim _turn = new(1, 1);

        public int Held => 1 - _turn.CurrentCount;

        public async ValueTask<IAsyncDisposable?> AcquireAsync(string tierId, CancellationToken cancellationToken = default)
        {
            await _turn.WaitAsync(cancellationToken);
            return new Release(_turn);
        }

        private sealed class Release(SemaphoreSlim turn) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                turn.Release();
                return ValueTask.CompletedTask;
            }
        }
    }

    /// <summary>A pick whose assignment is over at once (committed or given up).</summary>
    private static async Task<string?> PickAsync(OwnerPicker picker, OwnerPick pick, string? skill = null)
    {
        using var picked = await picker.PickAsync(Team, "tier-1", pick, skill, null);
        return picked.AgentId;
    }
}
