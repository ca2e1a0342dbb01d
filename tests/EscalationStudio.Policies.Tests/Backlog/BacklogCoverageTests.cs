using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Backlog;
using EscalationStudio.Policies.Tests.Runtime;
using EscalationStudio.Policies.Tests.Samples;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Policies.Tests.Backlog;

/// <summary>
/// workflows/escalation/open-too-long.json (8 business hours in the Berlin office, Mon–Fri 08:00–18:00, then tier 2)
/// published while tickets are already open. The sweep is called directly here; the server runs it in the background.
/// </summary>
public sealed class BacklogCoverageTests
{
    [Fact]
    public async Task Tickets_open_before_the_publish_are_escalated_when_their_own_eight_business_hours_are_up()
    {
        await using var harness = new PolicyHarness(Brightline.Org, Brightline.MondayNineBerlin);
        var openedAtNine = await harness.OpenAsync("Export fails", "The PDF export fails");
        await harness.AdvanceAsync(TimeSpan.FromHours(2));
        var openedAtEleven = await harness.OpenAsync("Login loop", "I keep getting logged out");

        await harness.PublishAsync(SamplePolicies.OpenTooLong());
        var report = await SweepAsync(harness);

        Assert.Equal((2, 0, 0, true), (report.Covered, report.AlreadyCovered, report.Failed, report.Completed));
        // 09:00 + 8 business hours = Monday 17:00 Berlin.
        await harness.AdvanceAsync(Brightline.Berlin(2, 16, 59) - harness.Clock.GetUtcNow());
        Assert.Equal("tier-1", await TierOfAsync(harness, openedAtNine));
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("tier-2", await TierOfAsync(harness, openedAtNine));
        Assert.Equal("tier-1", await TierOfAsync(harness, openedAtEleven));

        // 11:00 + 7 hours to closing + 1 hour on Tuesday = Tuesday 09:00 Berlin.
        await harness.AdvanceAsync(Brightline.Berlin(3, 8, 59) - harness.Clock.GetUtcNow());
        Assert.Equal("tier-1", await TierOfAsync(harness, openedAtEleven));
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("tier-2", await TierOfAsync(harness, openedAtEleven));
    }

    [Fact]
    public async Task A_ticket_already_past_its_target_is_recorded_as_breached_and_escalated_at_once()
    {
        await using var harness = new PolicyHarness(Brightline.Org, Brightline.MondayNineBerlin);
        var ticket = await harness.OpenAsync("Export fails", "The PDF export fails");
        await harness.AdvanceAsync(Brightline.Berlin(3, 10) - harness.Clock.GetUtcNow());

        await harness.PublishAsync(SamplePolicies.OpenTooLong());
        await SweepAsync(harness);
        await harness.SettleAsync();

        var timeline = await harness.TimelineAsync(ticket.Id);
        var breached = Assert.Single(timeline, e => e[TicketEventData.Kind] == "sla-breached");
        var escalated = Assert.Single(timeline, e => e.Type == TicketEventType.Escalated);
        Assert.True(breached.Sequence < escalated.Sequence);
        Assert.Equal(Brightline.Berlin(3, 10), escalated.OccurredAt);
        Assert.Equal("tier-2", escalated[TicketEventData.To]);
    }

    [Fact]
    public async Task Sweeping_again_starts_nothing_new_even_where_the_policy_has_finished()
    {
        await using var harness = new PolicyHarness(Brightline.Org, Brightline.MondayNineBerlin);
        var breachedEarlier = await harness.OpenAsync("Export fails", "The PDF export fails");
        await harness.AdvanceAsync(Brightline.Berlin(3, 10) - harness.Clock.GetUtcNow());
        var stillRunning = await harness.OpenAsync("Login loop", "I keep getting logged out");
        await harness.PublishAsync(SamplePolicies.OpenTooLong());
        await SweepAsync(harness);
        await harness.SettleAsync();

        await harness.PublishAsync(SamplePolicies.OpenTooLong());
        var again = await SweepAsync(harness);
        await harness.SettleAsync();

        Assert.Equal((0, 2, 0), (again.Covered, again.AlreadyCovered, again.Failed));
        Assert.Single(await InstancesOnAsync(harness, breachedEarlier));
        Assert.Single(await InstancesOnAsync(harness, stillRunning));
        Assert.Single(await harness.TimelineAsync(breachedEarlier.Id), e => e.Type == TicketEventType.Escalated);
    }

    [Fact]
    public async Task Solved_and_closed_tickets_are_not_covered()
    {
        await using var harness = new PolicyHarness(Brightline.Org, Brightline.MondayNineBerlin);
        var solved = await harness.OpenAsync("Export fails", "The PDF export fails");
        await harness.Desk.ChangeStatusAsync(solved.Id, TicketStatus.Solved, Actor.System);
        var closed = await harness.OpenAsync("Login loop", "I keep getting logged out");
        await harness.Desk.ChangeStatusAsync(closed.Id, TicketStatus.Solved, Actor.System);
        await harness.Desk.ChangeStatusAsync(closed.Id, TicketStatus.Closed, Actor.System);
        var pending = await harness.OpenAsync("Invoice copy", "Please send the invoice again");
        await harness.Desk.ChangeStatusAsync(pending.Id, TicketStatus.Pending, Actor.System);
        await harness.AdvanceAsync(TimeSpan.FromDays(2));

        await harness.PublishAsync(SamplePolicies.OpenTooLong());
        var report = await SweepAsync(harness);

        Assert.Equal(1, report.Covered);
        Assert.Empty(await InstancesOnAsync(harness, solved));
        Assert.Empty(await InstancesOnAsync(harness, closed));
        // Waiting on the customer is still open work: the SLA is paused, not gone.
        Assert.Single(await InstancesOnAsync(harness, pending));
    }

    [Fact]
    public async Task Tickets_opened_after_the_publish_are_left_to_their_own_creation()
    {
        await using var harness = new PolicyHarness(Brightline.Org, Brightline.MondayNineBerlin);
        var before = await harness.OpenAsync("Export fails", "The PDF export fails");
        await harness.PublishAsync(SamplePolicies.OpenTooLong());
        var publishedAt = harness.Clock.GetUtcNow();
        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        var after = await harness.OpenAsync("Login loop", "I keep getting logged out");

        var report = await harness.Services.GetRequiredService<BacklogCoverage>().CoverAsync("open-too-long", publishedAt);

        Assert.Equal((1, 0), (report.Covered, report.AlreadyCovered));
        Assert.Single(await InstancesOnAsync(harness, before));
        Assert.Single(await InstancesOnAsync(harness, after));
    }

    [Fact]
    public async Task The_backlog_is_walked_page_by_page()
    {
        await using var harness = new PolicyHarness(Brightline.Org, Brightline.MondayNineBerlin,
            configure: services => services.Configure<BacklogCoverageOptions>(o => o.PageSize = 2));
        var tickets = new List<Ticket>();
        for (var i = 0; i < 5; i++)
        {
            tickets.Add(await harness.OpenAsync($"Question {i}", "Where is my invoice?"));
        }

        await harness.PublishAsync(SamplePolicies.OpenTooLong());
        var report = await SweepAsync(harness);

        Assert.Equal(5, report.Covered);
        foreach (var ticket in tickets)
        {
            Assert.Single(await InstancesOnAsync(harness, ticket));
        }
    }

    [Fact]
    public async Task A_ticket_that_cannot_be_covered_is_counted_and_the_sweep_goes_on()
    {
        var broken = new BrokenTickets();
        await using var harness = new PolicyHarness(Brightline.Org, Brightline.MondayNineBerlin,
            configure: services => services.AddSingleton<IWorkflowInstanceStore>(broken));
        var first = await harness.OpenAsync("Export fails", "The PDF export fails");
        var unreadable = await harness.OpenAsync("Login loop", "I keep getting logged out");
        var last = await harness.OpenAsync("Invoice copy", "Please send the invoice again");
        broken.Ticket = unreadable.Id.ToString();

        await harness.PublishAsync(SamplePolicies.OpenTooLong());
        var report = await SweepAsync(harness);

        Assert.Equal((2, 1, true), (report.Covered, report.Failed, report.Completed));
        Assert.Single(await InstancesOnAsync(harness, first));
        Assert.Single(await InstancesOnAsync(harness, last));
    }

    [Fact]
    public async Task Two_sweeps_that_both_missed_the_others_start_leave_one_run_per_ticket()
    {
        // What two nodes sweeping at once see: each checked the ticket before the other saved its start.
        var blind = new BlindToEarlierRuns();
        await using var harness = new PolicyHarness(Brightline.Org, Brightline.MondayNineBerlin,
            configure: services => services.AddSingleton<IWorkflowInstanceStore>(blind));
        var ticket = await harness.OpenAsync("Export fails", "The PDF export fails");
        await harness.PublishAsync(SamplePolicies.OpenTooLong());

        await SweepAsync(harness);
        var second = await SweepAsync(harness);

        Assert.Equal((0, 1), (second.Covered, second.AlreadyCovered));
        Assert.Single(await InstancesOnAsync(harness, ticket));
        await harness.AdvanceAsync(Brightline.Berlin(2, 17) - harness.Clock.GetUtcNow());
        Assert.Single(await harness.TimelineAsync(ticket.Id), e => e.Type == TicketEventType.Escalated);
    }

    [Fact]
    public async Task Two_sweeps_that_both_missed_the_others_start_escalate_a_ticket_past_its_target_once()
    {
        // The first start escalates at once; a second start of the same instance would have escalated it again.
        var blind = new BlindToEarlierRuns();
        await using var harness = new PolicyHarness(Brightline.Org, Brightline.MondayNineBerlin,
            configure: services => services.AddSingleton<IWorkflowInstanceStore>(blind));
        var ticket = await harness.OpenAsync("Export fails", "The PDF export fails");
        await harness.AdvanceAsync(Brightline.Berlin(3, 10) - harness.Clock.GetUtcNow());
        await harness.PublishAsync(SamplePolicies.OpenTooLong());

        await Task.WhenAll(SweepAsync(harness), SweepAsync(harness));
        await harness.SettleAsync();

        Assert.Single(await InstancesOnAsync(harness, ticket));
        Assert.Single(await harness.TimelineAsync(ticket.Id), e => e.Type == TicketEventType.Escalated);
    }

    [Fact]
    public async Task A_retracted_policy_is_not_swept_any_more()
    {
        await using var harness = new PolicyHarness(Brightline.Org, Brightline.MondayNineBerlin);
        var ticket = await harness.OpenAsync("Export fails", "The PDF export fails");
        await harness.PublishAsync(SamplePolicies.OpenTooLong());
        await harness.Runtime.RetractAsync("open-too-long");

        var report = await SweepAsync(harness);

        Assert.Equal((0, false), (report.Covered, report.Completed));
        Assert.Empty(await InstancesOnAsync(harness, ticket));
    }

    private static Task<BacklogCoverageReport> SweepAsync(PolicyHarness harness) =>
        harness.Services.GetRequiredService<BacklogCoverage>().CoverAsync("open-too-long", harness.Clock.GetUtcNow());

    private static async Task<string?> TierOfAsync(PolicyHarness harness, Ticket ticket) => (await harness.Desk.FindAsync(ticket.Id))?.TierId;

    private static async Task<IReadOnlyList<WorkflowInstanceSummary>> InstancesOnAsync(PolicyHarness harness, Ticket ticket) =>
        await harness.Services.GetRequiredService<IWorkflowInstanceStore>().ListAsync(new WorkflowInstanceQuery { CorrelationId = ticket.Id.ToString() });

    /// <summary>An instance store whose lookup of a policy's runs on a ticket never finds one.</summary>
    private sealed class BlindToEarlierRuns : IWorkflowInstanceStore
    {
        private readonly InMemoryWorkflowInstanceStore _store = new();

        public ValueTask SaveAsync(Workflows.State.WorkflowState state, CancellationToken cancellationToken = default) => _store.SaveAsync(state, cancellationToken);

        public ValueTask<Workflows.State.WorkflowState?> FindAsync(string instanceId, CancellationToken cancellationToken = default) => _store.FindAsync(instanceId, cancellationToken);

        public ValueTask<IReadOnlyList<WorkflowInstanceSummary>> ListAsync(WorkflowInstanceQuery query, CancellationToken cancellationToken = default) =>
            query.DefinitionId is not null ? ValueTask.FromResult<IReadOnlyList<WorkflowInstanceSummary>>([]) : _store.ListAsync(query, cancellationToken);
    }

    /// <summary>An instance store that cannot read the runs of one ticket, as with a corrupt row.</summary>
    private sealed class BrokenTickets : IWorkflowInstanceStore
    {
        private readonly InMemoryWorkflowInstanceStore _store = new();

        public string? Ticket { get; set; }

        public ValueTask SaveAsync(Workflows.State.WorkflowState state, CancellationToken cancellationToken = default) => _store.SaveAsync(state, cancellationToken);

        public ValueTask<Workflows.State.WorkflowState?> FindAsync(string instanceId, CancellationToken cancellationToken = default) => _store.FindAsync(instanceId, cancellationToken);

        public ValueTask<IReadOnlyList<WorkflowInstanceSummary>> ListAsync(WorkflowInstanceQuery query, CancellationToken cancellationToken = default) =>
            query.CorrelationId is { } ticket && ticket == Ticket && query.DefinitionId is not null
                ? throw new InvalidOperationException($"the runs of ticket {ticket} cannot be read")
                : _store.ListAsync(query, cancellationToken);
    }
}
