using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Policies.Activities.Triggers;

/// <summary>Reads an activity's inputs, whether the definition is being indexed or an instance is running.</summary>
public interface IActivityInputs
{
    T? Get<T>(Input<T>? input);

    /// <summary>The input's value, or its declared <see cref="InputAttribute.DefaultValue"/> when it is empty.</summary>
    T GetOrDefault<T>(Input<T?>? input)
        where T : struct;
}

/// <summary>
/// A trigger whose indexed payload is a <typeparamref name="TRule"/> the dispatcher evaluates against ticket events.
/// Declaring the rule here is all it takes: <see cref="TicketTriggerCatalog"/> reads the rule types off the registry.
/// </summary>
internal interface ITicketTrigger<TRule> : ITrigger
    where TRule : ITicketTriggerRule
{
    /// <summary>The rule with this node's settings (keywords, thresholds) read from its inputs.</summary>
    TRule CreateRule(IActivityInputs inputs);

    IEnumerable<object?> ITrigger.GetTriggerPayloads(TriggerIndexingContext context) => [CreateRule(new IndexingInputs(context))];

    private sealed class IndexingInputs(TriggerIndexingContext context) : IActivityInputs
    {
        public T? Get<T>(Input<T>? input) => context.Get(input);

        public T GetOrDefault<T>(Input<T?>? input)
            where T : struct => context.GetOrDefault(input);
    }
}

/// <summary>
/// A trigger that fires on ticket events. As the first node of a policy it is indexed with its rule (settings included)
/// and the dispatcher starts the policy when an event satisfies the rule. Placed further down a flow, it waits for the
/// next event of the same ticket that satisfies the rule.
/// </summary>
public abstract class TicketTrigger : Activity
{
    public const string EventInputKey = "event";
    public const string TicketInputKey = "ticket";

    private protected TicketTrigger()
    {
    }

    [Output(Description = "Why the trigger fired, in words for the timeline and the briefing.")]
    public Output<string>? Reason { get; set; }

    [Output(Description = "What matched: keywords, the words that drove the sentiment score, the customer's phrase.")]
    public Output<string[]>? Details { get; set; }

    /// <summary>
    /// The events this trigger's rule can fire on, so that waiting further down a flow is resumed by no other event.
    /// Null: every event of the ticket (the rule looks at more than the event).
    /// </summary>
    protected virtual TicketEventFilter? ResumesOn => null;

    /// <summary>What <see cref="TicketTexts.CustomerWords"/> reads: a new ticket or a customer's message.</summary>
    protected static readonly TicketEventFilter CustomerWords = TicketEventFilter.On(TicketEventType.Created)
        .Or(TicketEventType.MessageAdded, TicketEventData.MessageKind, MessageKind.Customer.ToText());

    private protected abstract ITicketTriggerRule RuleFor(IActivityInputs inputs);

    protected override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.IsTriggerOfWorkflow)
        {
            context.Set(Reason, context.WorkflowInput.GetValueOrDefault(TicketStimuli.ReasonInput)?.ToString());
            context.Set(Details, context.WorkflowInput.GetValueOrDefault(TicketStimuli.DetailsInput) as string[] ?? []);
            if (context.WorkflowInput.GetValueOrDefault(TicketStimuli.TriggeredAtInput) is DateTimeOffset triggeredAt)
            {
                context.RecordTrigger(context.TriggerKind(), triggeredAt);
            }

            context.Complete();
            return ValueTask.CompletedTask;
        }

        context.WatchTicket(ResumesOn);
        return ValueTask.CompletedTask;
    }

    protected override ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        if (context.ResumeInput is IReadOnlyDictionary<string, object?> input
            && input.GetValueOrDefault(EventInputKey) is TicketEvent ticketEvent
            && input.GetValueOrDefault(TicketInputKey) is Ticket ticket
            && RuleFor(new RunningInputs(context)).Evaluate(new TicketEventContext(ticketEvent, ticket)) is { Fires: true } verdict)
        {
            context.Set(Reason, verdict.Reason);
            context.Set(Details, verdict.Details?.ToArray() ?? []);
            context.RecordTrigger(context.TriggerKind(), ticketEvent.OccurredAt);
            context.Complete();
        }

        // Otherwise keep waiting: the ticket bookmark is not burnt by a resume.
        return ValueTask.CompletedTask;
    }

    private sealed class RunningInputs(ActivityExecutionContext context) : IActivityInputs
    {
        public T? Get<T>(Input<T>? input) => context.Get(input);

        public T GetOrDefault<T>(Input<T?>? input)
            where T : struct => context.GetOrDefault(input);
    }
}

/// <summary>A ticket trigger and its rule: subclass with the rule's type and build the rule from the inputs.</summary>
public abstract class TicketTrigger<TRule> : TicketTrigger, ITicketTrigger<TRule>
    where TRule : ITicketTriggerRule
{
    public abstract TRule CreateRule(IActivityInputs inputs);

    private protected sealed override ITicketTriggerRule RuleFor(IActivityInputs inputs) => CreateRule(inputs);
}
