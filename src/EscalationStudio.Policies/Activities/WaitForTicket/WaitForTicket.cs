using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Designer;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Sla;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Policies.Activities.WaitForTicket;

internal enum TicketCondition
{
    Solved,
    CustomerReplied,
    AgentReplied,
    StatusChanged,

    /// <summary>Someone added the tag named in the activity, e.g. a specialist marking the blocking issue solved.</summary>
    TagAdded,
}

[Activity("Escalation", "Escalation",
    "Waits until the ticket is solved, the customer or an agent replies, or its status changes; or until the timeout " +
    "passes, counted in business hours.",
    DisplayName = "Wait for ticket")]
[FlowNode("Happened", "TimedOut")]
internal sealed class WaitForTicket : Activity
{
    [Input(Description = "What to wait for.", DefaultValue = TicketCondition.Solved, UIHint = UIHints.DropDown)]
    public Input<TicketCondition>? Condition { get; set; }

    [Input(Description = "The tag to wait for when waiting for a tag, e.g. blocker-resolved.", UIHint = UIHints.DropDown, OptionsProvider = typeof(TagOptions))]
    public Input<string>? Tag { get; set; }

    [Input(Description = "Give up after this long in business hours, e.g. 2h or 30m; empty = wait as long as it takes.", UIHint = UIHints.SingleLine)]
    public Input<string>? Timeout { get; set; }

    [Input(Description = "Business calendar the timeout counts in; empty = the calendar of the tier that owns the ticket.", UIHint = UIHints.DropDown, OptionsProvider = typeof(CalendarOptions))]
    public Input<string>? Calendar { get; set; }

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var timeout = context.Get(Timeout);
        var deadline = string.IsNullOrWhiteSpace(timeout)
            ? (DateTimeOffset?)null
            : await TicketWaits.DeadlineAsync(context, DurationText.Parse(timeout, $"activity {context.Activity.Id}: Timeout"), context.Get(Calendar));
        TicketWaits.WaitUntil(context, deadline, ResumesOn(context.Get(Condition), context.Get(Tag)));
    }

    protected override ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        if (TicketWaits.IsTimeout(context))
        {
            context.Complete("TimedOut");
        }
        else if (TicketWaits.ResumingEvent(context) is { } ticketEvent && Satisfies(context.Get(Condition), context.Get(Tag), ticketEvent))
        {
            context.Complete("Happened");
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The events <see cref="Satisfies"/> can accept, for the dispatcher to skip the rest without loading this instance.</summary>
    private static TicketEventFilter? ResumesOn(TicketCondition condition, string? tag) => condition switch
    {
        TicketCondition.Solved => TicketEventFilter.When(TicketEventType.StatusChanged, TicketEventData.To, TicketStatus.Solved.ToText())
            .Or(TicketEventType.StatusChanged, TicketEventData.To, TicketStatus.Closed.ToText()),
        TicketCondition.CustomerReplied => TicketEventFilter.When(TicketEventType.MessageAdded, TicketEventData.MessageKind, MessageKind.Customer.ToText()),
        TicketCondition.AgentReplied => TicketEventFilter.When(TicketEventType.MessageAdded, TicketEventData.MessageKind, MessageKind.Agent.ToText()),
        TicketCondition.StatusChanged => TicketEventFilter.On(TicketEventType.StatusChanged),
        TicketCondition.TagAdded when !string.IsNullOrWhiteSpace(tag) => TicketEventFilter.When(TicketEventType.TagAdded, TicketEventData.Tag, tag.Trim()),
        TicketCondition.TagAdded => TicketEventFilter.On(TicketEventType.TagAdded),
        _ => null,
    };

    private static bool Satisfies(TicketCondition condition, string? tag, TicketEvent e) => condition switch
    {
        TicketCondition.Solved => e.Type == TicketEventType.StatusChanged
            && (TicketWaits.Is(e[TicketEventData.To], TicketStatus.Solved) || TicketWaits.Is(e[TicketEventData.To], TicketStatus.Closed)),
        TicketCondition.CustomerReplied => e.Type == TicketEventType.MessageAdded && TicketWaits.Is(e[TicketEventData.MessageKind], MessageKind.Customer),
        TicketCondition.AgentReplied => e.Type == TicketEventType.MessageAdded && TicketWaits.Is(e[TicketEventData.MessageKind], MessageKind.Agent),
        TicketCondition.StatusChanged => e.Type == TicketEventType.StatusChanged,
        TicketCondition.TagAdded => e.Type == TicketEventType.TagAdded && string.Equals(e[TicketEventData.Tag], tag?.Trim(), StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
