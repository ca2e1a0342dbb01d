using EscalationStudio.Domain.Delivery;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Activities.Triggers;
using EscalationStudio.Policies.Designer;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Sla;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Policies.Activities.Sla;

/// <summary>
/// Watches one SLA target of the ticket in business time and fires at each warning point and at the breach, to the
/// minute (never an hourly sweep). Connect <c>Warning</c> back into this node after notifying someone to wait for the
/// next point: each visit waits for the next threshold not signalled yet. With Warning not connected, the warnings are
/// recorded on the timeline and the timer keeps running to the breach. Pauses while the ticket waits on the customer.
/// </summary>
[Activity("Escalation", "Escalation",
    "Counts an SLA target (first response, next response, resolution or open longer than) in business hours and fires " +
    "at the warning points before the breach and at the breach. Loop Warning back here to wait for the next point " +
    "(left unconnected, warnings are only recorded and the timer runs on to the breach), and Met too for a " +
    "next-response clock, which restarts with every customer message.",
    DisplayName = "SLA timer")]
[FlowNode("Warning", "Breached", "Met")]
internal sealed class SlaTimer : Activity, ITicketTrigger<SlaTimerRule>
{
    private const string SignalledKey = "sla-signalled";
    private const string MetKey = "sla-met";
    private const string ArmedKey = "armed-due";
    private const string WatchingKey = "watching";

    [Input(Description = "What the target measures.", DefaultValue = SlaMetric.FirstResponse, UIHint = UIHints.DropDown)]
    public Input<SlaMetric>? Metric { get; set; }

    [Input(Description = "The promised time in business hours, e.g. 4h, 30m or 1h 30m.", DefaultValue = "4h")]
    public Input<string>? Target { get; set; }

    [Input(Description = "Warning points as percentages of the target, e.g. 50, 75, 90.", DefaultValue = "50, 75, 90")]
    public Input<string>? WarningPercents { get; set; }

    [Input(Description = "Business calendar to count in; empty = the calendar of the tier that owns the ticket.", UIHint = UIHints.DropDown, OptionsProvider = typeof(CalendarOptions))]
    public Input<string>? Calendar { get; set; }

    [Input(Description = "Stop the clock while the ticket is pending (waiting on the customer) or on hold.", DefaultValue = true)]
    public Input<bool?>? PauseWhileWaiting { get; set; }

    [Output(Description = "The percentage just reached (100 at the breach).")]
    public Output<int>? Percent { get; set; }

    [Output(Description = "When the target breaches if nothing changes.")]
    public Output<DateTimeOffset?>? DueAt { get; set; }

    /// <summary>
    /// What moves an SLA clock besides time: status changes (pauses, solving) and tier changes (the owning tier's
    /// calendar) move every clock; public messages move only the response clocks (internal notes never count): an
    /// agent's reply ends a first or next response, a customer's message starts the next response's cycle. Timers
    /// resume it for the rest. Each clock is resumed only by its own events: most ticket events are messages, and an
    /// "open longer than" or resolution clock resumed by each of them would run its check for nothing.
    /// </summary>
    private static readonly TicketEventFilter StatusAndTierEvents = TicketEventFilter.On(TicketEventType.StatusChanged, TicketEventType.Escalated, TicketEventType.DeEscalated);

    private static readonly TicketEventFilter FirstResponseEvents = StatusAndTierEvents
        .Or(TicketEventType.MessageAdded, TicketEventData.MessageKind, MessageKind.Agent.ToText());

    private static readonly TicketEventFilter NextResponseEvents = FirstResponseEvents
        .Or(TicketEventType.MessageAdded, TicketEventData.MessageKind, MessageKind.Customer.ToText());

    private static TicketEventFilter ClockEvents(SlaMetric metric) => metric switch
    {
        SlaMetric.FirstResponse => FirstResponseEvents,
        SlaMetric.NextResponse => NextResponseEvents,
        _ => StatusAndTierEvents,
    };

    public SlaTimerRule CreateRule(IActivityInputs inputs) => new();

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        await CheckAsync(context, resumedTimerDue: null);
    }

    protected override async ValueTask ResumeAsync(ActivityExecutionContext context) =>
        await CheckAsync(context, context.ResumedBookmark?.DueAt);

    private async Task CheckAsync(ActivityExecutionContext context, DateTimeOffset? resumedTimerDue)
    {
        var target = SlaTargetFrom(context);
        var ticketId = context.TicketId();
        var now = context.TimeProvider.GetUtcNow();
        var histories = context.GetRequiredService<SlaHistoryCache>();
        var (ticket, history) = await context.WithDeskAsync(async desk =>
        {
            var found = await desk.FindAsync(ticketId) ?? throw new TicketNotFoundException(ticketId);
            return (found, await histories.ReadAsync(desk, ticketId, found.Version, now));
        });
        var clock = SlaCalendars.ClockFor(context.Org(), context.Get(Calendar), ticket.TierId);
        var state = SlaClock.Evaluate(target, clock, history, now);
        context.Set(DueAt, state.DueAt);

        // Points are signalled once per measured cycle: a next-response clock starts a new cycle with every customer message.
        var cycle = state.StartedAt?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
        var signalled = SignalledSoFar(context, cycle);
        var pending = target.WarningPercents.Append(100).Distinct().Order().Where(p => p > signalled).ToArray();
        if (pending.Length == 0)
        {
            context.Complete();
            return;
        }

        var reached = pending.Where(p => state.Elapsed.Ticks >= target.Target.Ticks / 100 * p).DefaultIfEmpty(0).Max();
        if (state.Phase == SlaPhase.Achieved && reached < 100)
        {
            if (Property(context.Parent ?? context, $"{MetKey}:{context.Activity.Id}") == cycle)
            {
                // Met was reported for this cycle already (Met looped back here): wait for the next cycle.
                Wait(context, target, state, pending[0], resumedTimerDue, now, clock);
                return;
            }

            (context.Parent ?? context).SetProperty($"{MetKey}:{context.Activity.Id}", cycle);
            await RecordAsync(context, target, "sla-met", $"{Describe(target)} met after {BriefingText(state.Elapsed)}");
            context.Complete("Met");
            return;
        }

        if (reached > 0)
        {
            SetSignalled(context, reached, cycle);
            RememberFired(context, target, context.Get(Calendar));
            context.Set(Percent, reached);
            var breached = reached >= 100;
            if (breached)
            {
                context.RecordTrigger("sla", state.DueAt ?? now);
            }

            await RecordAsync(context, target, breached ? "sla-breached" : "sla-warning",
                breached
                    ? $"{Describe(target)} breached: {BriefingText(state.Elapsed)} of {BriefingText(target.Target)}"
                    : $"{Describe(target)} at {reached}%: {BriefingText(state.Remaining)} left, due {state.DueAt:yyyy-MM-dd HH:mm} UTC");
            if (!breached && reached == target.WarningPercents.Max())
            {
                await AlertManagersAsync(context, target, state);
            }

            if (!breached && !context.IsOutcomeConnected("Warning"))
            {
                // Nobody listens to the warning: completing would end the flowchart with the breach still ahead.
                Wait(context, target, state, pending.First(p => p > reached), resumedTimerDue, now, clock);
                return;
            }

            context.Complete(breached ? "Breached" : "Warning");
            return;
        }

        Wait(context, target, state, pending[0], resumedTimerDue, now, clock);
    }

    private static void Wait(ActivityExecutionContext context, SlaTarget target, SlaState state, int percent, DateTimeOffset? resumedTimerDue,
        DateTimeOffset now, Domain.Calendars.BusinessClock clock)
    {
        if (Property(context, WatchingKey) != "yes")
        {
            context.WatchTicket(ClockEvents(target.Metric));
            context.SetProperty(WatchingKey, "yes");
        }

        var armed = Property(context, ArmedKey);
        if (resumedTimerDue is { } fired && fired.ToString("O") == armed)
        {
            armed = null;
        }

        if (state.Phase != SlaPhase.Running)
        {
            return;
        }

        var threshold = TimeSpan.FromTicks(target.Target.Ticks / 100 * percent);
        var due = clock.Add(now, threshold - state.Elapsed);
        if (due.ToString("O") == armed)
        {
            return;
        }

        context.CreateBookmark(new BookmarkOptions(SlaTimerBookmark.Name, new SlaDuePayload(context.TicketId().ToString(), context.Activity.Id, due))
        {
            DueAt = due,
            IncludeActivityInstanceId = true,
            Metadata = state.DueAt is { } breachAt
                ? new Dictionary<string, string>
                {
                    [SlaTimerBookmark.BreachAt] = breachAt.ToString("O"),
                    [SlaTimerBookmark.Metric] = target.Metric.ToText(),
                    [SlaTimerBookmark.PausedWhile] = string.Join(",", target.PausedWhile.Select(s => s.ToText())),
                }
                : null,
        });
        context.SetProperty(ArmedKey, due.ToString("O"));
    }

    private SlaTarget SlaTargetFrom(ActivityExecutionContext context)
    {
        var percents = (context.Get(WarningPercents) ?? string.Empty)
            .Split([',', ';', ' ', '%'], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.TryParse(p, out var value) ? value : throw new FormatException($"activity {context.Activity.Id}: WarningPercents: '{p}' is not a whole number"))
            .ToArray();
        var target = new SlaTarget(
            context.Get(Metric),
            DurationText.Parse(context.Get(Target), $"activity {context.Activity.Id}: Target"),
            percents,
            context.GetOrDefault(PauseWhileWaiting) ? SlaTarget.WaitingOnCustomer : new HashSet<TicketStatus>());
        var problems = target.Problems();
        return problems.Count == 0 ? target : throw new FormatException($"activity {context.Activity.Id}: {string.Join("; ", problems)}");
    }

    private const string FiredProperty = "sla-fired";

    /// <summary>
    /// The target this run's SLA timer last fired on, with the calendar it counts in, so that a briefing later in the
    /// run reports the policy's own promise (a 2 h breach) rather than the org's default targets.
    /// </summary>
    internal static (SlaTarget Target, string? Calendar)? FiredTarget(ActivityExecutionContext context) =>
        context.GetRunProperty(FiredProperty) is System.Text.Json.Nodes.JsonObject fired
        && TicketText.TryParse<SlaMetric>(fired["metric"]?.GetValue<string>(), out var metric)
        && fired["targetMinutes"]?.GetValue<double>() is { } minutes
            ? (new SlaTarget(metric, TimeSpan.FromMinutes(minutes),
                    [.. (fired["warningPercents"] as System.Text.Json.Nodes.JsonArray ?? []).Select(p => p!.GetValue<int>())],
                    fired["pauseWhileWaiting"]?.GetValue<bool>() == false ? new HashSet<TicketStatus>() : SlaTarget.WaitingOnCustomer),
                fired["calendar"]?.GetValue<string>())
            : null;

    private static void RememberFired(ActivityExecutionContext context, SlaTarget target, string? calendar) =>
        context.SetRunProperty(FiredProperty, new System.Text.Json.Nodes.JsonObject
        {
            ["metric"] = target.Metric.ToText(),
            ["targetMinutes"] = target.Target.TotalMinutes,
            ["warningPercents"] = new System.Text.Json.Nodes.JsonArray([.. target.WarningPercents.Select(p => (System.Text.Json.Nodes.JsonNode?)p)]),
            ["pauseWhileWaiting"] = target.PausedWhile.Count > 0,
            ["calendar"] = calendar,
        });

    /// <summary>Kept on the enclosing flowchart so that looping back into this node continues with the next point.</summary>
    private static int SignalledSoFar(ActivityExecutionContext context, string cycle) =>
        Property(context.Parent ?? context, $"{SignalledKey}:{context.Activity.Id}")?.Split('@') is [var percent, var signalledCycle]
        && signalledCycle == cycle && int.TryParse(percent, out var value)
            ? value
            : 0;

    private static void SetSignalled(ActivityExecutionContext context, int percent, string cycle) =>
        (context.Parent ?? context).SetProperty($"{SignalledKey}:{context.Activity.Id}", $"{percent.ToString(System.Globalization.CultureInfo.InvariantCulture)}@{cycle}");

    /// <summary>Properties are kept as text: after a restart they come back from JSON, not as the CLR values stored.</summary>
    private static string? Property(ActivityExecutionContext context, string key) =>
        context.GetProperty(key, () => string.Empty) is { Length: > 0 } text ? text : null;

    // The metric goes into the data too: the escalation-health figures count warnings and breaches per metric.
    private static Task RecordAsync(ActivityExecutionContext context, SlaTarget target, string kind, string text) =>
        context.WithDeskAsync(desk => desk.AddTimelineEntryAsync(context.TicketId(), kind, text, context.Policy(),
            new Dictionary<string, string> { [TicketEventData.Policy] = context.DefinitionId, [TicketEventData.SlaMetric] = target.Metric.ToText() }));

    /// <summary>
    /// The last warning before the breach also alerts the managers (<see cref="ManagerAlertTemplate"/>): recorded as a
    /// <c>manager-alert</c> entry, which the delivery outbox sends to the targets of the tier managing the ticket's tier.
    /// A templates folder without the template sends no alert.
    /// </summary>
    private static async Task AlertManagersAsync(ActivityExecutionContext context, SlaTarget target, SlaState state)
    {
        var composer = context.GetRequiredService<Briefings.BriefingComposer>();
        if (!composer.Renderer.Library.Exists(ManagerAlertTemplate))
        {
            return;
        }

        var text = await composer.ComposeAsync(context, ManagerAlertTemplate, sla: [state]);
        await context.WithDeskAsync(desk => desk.AddTimelineEntryAsync(context.TicketId(), DeliveryPlan.ManagerAlertKind, text, context.Policy(),
            new Dictionary<string, string> { [TicketEventData.Policy] = context.DefinitionId, [TicketEventData.SlaMetric] = target.Metric.ToText() }));
    }

    internal const string ManagerAlertTemplate = "manager/sla-alert";

    private static string Describe(SlaTarget target) =>
        $"{target.Metric.ToText()} SLA ({BriefingText(target.Target)})";

    private static string BriefingText(TimeSpan duration) => Briefings.BriefingBuilder.Duration(duration);
}

/// <summary>Starts the SLA clock with the ticket: the SLA timer as a policy's trigger fires on ticket creation.</summary>
internal sealed record SlaTimerRule : ITicketTriggerRule
{
    public TriggerVerdict Evaluate(TicketEventContext context) =>
        context.Event.Type == TicketEventType.Created ? TriggerVerdict.Yes("the SLA clock starts with the ticket") : TriggerVerdict.No;
}

/// <summary>A timer bookmark of an SLA timer; resumed by the timer service at <see cref="DueAt"/>.</summary>
internal sealed record SlaDuePayload(string TicketId, string ActivityId, DateTimeOffset DueAt);
