using System.Globalization;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Briefings;
using EscalationStudio.Policies.Designer;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Sla;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Policies.Activities.Approval;

[Activity("Escalation", "Escalation",
    "Approves at once when the case owner's authority covers the amount or decision; otherwise asks a tier whose " +
    "authority does and waits for its decision or the timeout. The runtime enforces the caps: nobody approves beyond " +
    "their tier's authority.",
    DisplayName = "Require approval")]
[FlowNode("Approved", "Rejected", "TimedOut")]
internal sealed class RequireApproval : Activity
{
    public const string RequestedKind = "approval-requested";
    public const string RejectedKind = "approval-rejected";

    [Input(Description = "What needs approval.", DefaultValue = ApprovalKind.Credit, UIHint = UIHints.DropDown)]
    public Input<ApprovalKind>? Kind { get; set; }

    [Input(Description = "Amount of the refund or credit, in the account currency.", UIHint = UIHints.SingleLine)]
    public Input<decimal?>? Amount { get; set; }

    [Input(Description = "Why it is needed; shown to the approver.", UIHint = UIHints.SingleLine)]
    public Input<string>? Reason { get; set; }

    [Input(Description = "Who decides; empty = the lowest tier whose authority covers the request.", UIHint = UIHints.DropDown, OptionsProvider = typeof(ApproverTierOptions))]
    public Input<string>? ApproverTier { get; set; }

    [Input(Description = "How long to wait for a decision, in business hours, e.g. 4h.", DefaultValue = "8h", UIHint = UIHints.SingleLine)]
    public Input<string>? Timeout { get; set; }

    [Input(Description = "Business calendar the timeout counts in; empty = the calendar of the tier that owns the ticket.", UIHint = UIHints.DropDown, OptionsProvider = typeof(CalendarOptions))]
    public Input<string>? Calendar { get; set; }

    [Input(Description = "Approval request template.", DefaultValue = "approval/approval-request", UIHint = UIHints.DropDown, OptionsProvider = typeof(ApprovalTemplateOptions))]
    public Input<string>? Template { get; set; }

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var ticket = await context.TicketAsync();
        var org = context.Org();
        var kind = context.Get(Kind);
        var amount = context.Get(Amount);
        var reason = PolicyReasons.Of(context, context.Get(Reason));
        if (ticket.OwnerAgentId is { } owner && org.AuthorityOf(Actor.Agent(owner)).Decide(kind, amount).IsAllowed)
        {
            await context.WithDeskAsync(desk => desk.ApproveAsync(ticket.Id, kind, amount, Actor.Agent(owner), $"within the authority of the case owner; {reason}"));
            context.Complete("Approved");
            return;
        }

        var approverTier = context.Get(ApproverTier) is { Length: > 0 } named ? org.FindTier(named)
            : org.ApproverFor(kind, amount);
        var deadline = await TicketWaits.DeadlineAsync(context, DurationText.Parse(context.GetOrDefault(Timeout), $"activity {context.Activity.Id}: Timeout"),
            context.Get(Calendar), ticket);
        var approval = BriefingApproval.For(org, ticket, kind, amount, reason, approverTier, deadline);
        var text = await context.GetRequiredService<BriefingComposer>().ComposeAsync(context, context.GetOrDefault(Template), approval);
        await context.WithDeskAsync(desk => desk.AddTimelineEntryAsync(ticket.Id, RequestedKind, text, context.Policy(), new Dictionary<string, string>
        {
            [TicketEventData.ApprovalKind] = kind.ToString(),
            [TicketEventData.Amount] = amount?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            [TicketEventData.Tier] = approverTier?.Id ?? string.Empty,
            [TicketEventData.Policy] = context.DefinitionId,
        }));
        TicketWaits.WaitUntil(context, deadline, Decisions);
    }

    /// <summary>The only events <see cref="ResumeAsync"/> acts on: a grant, or a rejection entry.</summary>
    private static readonly TicketEventFilter Decisions = TicketEventFilter.On(TicketEventType.ApprovalGranted)
        .Or(TicketEventType.TimelineEntry, TicketEventData.Kind, RejectedKind);

    protected override ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        if (TicketWaits.IsTimeout(context))
        {
            context.Complete("TimedOut");
            return ValueTask.CompletedTask;
        }

        var e = TicketWaits.ResumingEvent(context);
        if (e?.Type == TicketEventType.ApprovalGranted && TicketWaits.Is(e[TicketEventData.ApprovalKind], context.Get(Kind)) && Covers(e, context.Get(Amount)))
        {
            context.Complete("Approved");
        }
        else if (e?.Type == TicketEventType.TimelineEntry && e[TicketEventData.Kind] == RejectedKind
                 && (string.IsNullOrEmpty(e[TicketEventData.ApprovalKind]) || TicketWaits.Is(e[TicketEventData.ApprovalKind], context.Get(Kind))))
        {
            context.Complete("Rejected");
        }

        return ValueTask.CompletedTask;
    }

    private static bool Covers(TicketEvent granted, decimal? requested) =>
        requested is null
        || (decimal.TryParse(granted[TicketEventData.Amount], NumberStyles.Number, CultureInfo.InvariantCulture, out var approved) && approved >= requested);
}
