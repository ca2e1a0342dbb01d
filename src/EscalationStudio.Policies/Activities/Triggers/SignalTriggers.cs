using System.Globalization;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Signals;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Policies.Activities.Triggers;

[Activity("Escalation", "Escalation", "Fires when the customer's subject or message contains one of the words or phrases (whole words, any case; end a word with * to match its forms).", DisplayName = "Keyword matched")]
public sealed class KeywordMatched : TicketTrigger
{
    protected override TicketEventFilter? ResumesOn => CustomerWords;

    [Input(Description = "One word or phrase per line, e.g. refund, cancel*, legal action. Lines starting with # are comments.", UIHint = UIHints.MultiLine)]
    public Input<string>? Keywords { get; set; }

    public override ITicketTriggerRule CreateRule(IActivityInputs inputs) => new KeywordRule(inputs.Get(Keywords) ?? string.Empty);
}

public sealed record KeywordRule(string Keywords) : ITicketTriggerRule
{
    private KeywordMatcher? _matcher;

    public TriggerVerdict Evaluate(TicketEventContext context)
    {
        if (TicketTexts.CustomerWords(context) is not { } words)
        {
            return TriggerVerdict.No;
        }

        _matcher ??= KeywordMatcher.Parse(Keywords);
        var found = _matcher.Match(words.Subject, words.Body).Select(m => m.MatchedText.ToLowerInvariant()).Distinct().ToArray();
        return found.Length == 0 ? TriggerVerdict.No : TriggerVerdict.Yes($"the customer wrote {string.Join(", ", found.Select(f => $"\"{f}\""))}", found);
    }
}

[Activity("Escalation", "Escalation", "Fires when a ticket is created for a VIP customer, or for a customer whose lifetime value reaches the threshold.", DisplayName = "VIP customer")]
public sealed class VipCustomer : TicketTrigger
{
    protected override TicketEventFilter? ResumesOn => TicketEventFilter.On(TicketEventType.Created);

    [Input(Description = "Count customers flagged VIP in the CRM.", DefaultValue = true)]
    public Input<bool?>? HonourVipFlag { get; set; }

    [Input(Description = "Lifetime value from which a customer counts as VIP; leave empty to rely on the flag only.", UIHint = UIHints.SingleLine)]
    public Input<decimal?>? LifetimeValueThreshold { get; set; }

    public override ITicketTriggerRule CreateRule(IActivityInputs inputs) =>
        new VipRuleTrigger(inputs.Get(HonourVipFlag) ?? true, inputs.Get(LifetimeValueThreshold));
}

public sealed record VipRuleTrigger(bool HonourVipFlag, decimal? LifetimeValueThreshold) : ITicketTriggerRule
{
    public TriggerVerdict Evaluate(TicketEventContext context)
    {
        if (context.Event.Type != TicketEventType.Created)
        {
            return TriggerVerdict.No;
        }

        var customer = context.Ticket.Requester;
        var decision = new VipRule(HonourVipFlag, LifetimeValueThreshold).Evaluate(customer.IsVip, customer.LifetimeValue);
        return decision.IsVip ? TriggerVerdict.Yes(decision.Reason!) : TriggerVerdict.No;
    }
}

[Activity("Escalation", "Escalation", "Fires when the tone of the customer's messages (scored offline, latest message weighing most) falls below the threshold. The score and the words that drove it are recorded.", DisplayName = "Sentiment turned")]
public sealed class SentimentTurned : TicketTrigger
{
    protected override TicketEventFilter? ResumesOn => CustomerWords;

    [Input(Description = "Score from -1 (hostile) to +1 (delighted) below which the trigger fires.", DefaultValue = -0.5)]
    public Input<double?>? Threshold { get; set; }

    public override ITicketTriggerRule CreateRule(IActivityInputs inputs) => new SentimentRule(inputs.Get(Threshold) ?? -0.5);
}

public sealed record SentimentRule(double Threshold) : ITicketTriggerRule
{
    public TriggerVerdict Evaluate(TicketEventContext context)
    {
        if (TicketTexts.CustomerWords(context) is null)
        {
            return TriggerVerdict.No;
        }

        // The conversation as of this event, and as it was just before it: only a fall below the line fires.
        var messages = context.Ticket.Messages
            .Where(m => m.Kind == MessageKind.Customer && m.At <= context.Event.OccurredAt)
            .OrderBy(m => m.At)
            .Select(m => m.Body)
            .Prepend(context.Ticket.Description)
            .ToList();
        var now = SentimentScorer.ScoreConversation(messages);
        var before = messages.Count > 1 ? SentimentScorer.ScoreConversation(messages.Take(messages.Count - 1)).Score : 0;
        if (now.Score >= Threshold || (context.Event.Type != TicketEventType.Created && before < Threshold))
        {
            return TriggerVerdict.No;
        }

        var words = now.Drivers.Where(d => d.Contribution < 0).Select(d => d.Word).ToArray();
        return TriggerVerdict.Yes(
            string.Create(CultureInfo.InvariantCulture, $"the customer's tone scored {now.Score:0.00} (below {Threshold:0.00}){(words.Length > 0 ? ": " + string.Join(", ", words) : string.Empty)}"),
            words);
    }
}

[Activity("Escalation", "Escalation", "Fires when the customer asks for a manager, a supervisor, someone in charge or a human.", DisplayName = "Manager requested")]
public sealed class ManagerRequested : TicketTrigger
{
    protected override TicketEventFilter? ResumesOn => CustomerWords;

    public override ITicketTriggerRule CreateRule(IActivityInputs inputs) => new ManagerRequestRule();
}

public sealed record ManagerRequestRule : ITicketTriggerRule
{
    public TriggerVerdict Evaluate(TicketEventContext context)
    {
        if (TicketTexts.CustomerWords(context) is not { } words)
        {
            return TriggerVerdict.No;
        }

        var request = ManagerRequestDetector.Detect(words.Body);
        return request.Requested ? TriggerVerdict.Yes($"the customer asked: \"{request.Phrase}\"", [request.Phrase!]) : TriggerVerdict.No;
    }
}
