using System.Globalization;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Signals;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Policies.Activities.Triggers;

[Activity("Escalation", "Escalation",
    "Fires when the tone of the customer's messages (scored offline, latest message weighing most) falls below the " +
    "threshold. The score and the words that drove it are recorded.",
    DisplayName = "Sentiment turned")]
internal sealed class SentimentTurned : TicketTrigger<SentimentRule>
{
    protected override TicketEventFilter? ResumesOn => CustomerWords;

    [Input(Description = "Score from -1 (hostile) to +1 (delighted) below which the trigger fires.", DefaultValue = -0.5)]
    public Input<double?>? Threshold { get; set; }

    public override SentimentRule CreateRule(IActivityInputs inputs) => new(inputs.GetOrDefault(Threshold));
}

internal sealed record SentimentRule(double Threshold) : ITicketTriggerRule
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
            .Prepend(context.Ticket.OpeningWords)
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
