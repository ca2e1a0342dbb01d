using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Signals;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Policies.Activities.Triggers;

[Activity("Escalation", "Escalation",
    "Fires when the customer's subject or message contains one of the words or phrases (whole words, any case; " +
    "end a word with * to match its forms).",
    DisplayName = "Keyword matched")]
internal sealed class KeywordMatched : TicketTrigger<KeywordRule>
{
    protected override TicketEventFilter? ResumesOn => CustomerWords;

    [Input(Description = "One word or phrase per line, e.g. refund, cancel*, legal action. Lines starting with # are comments.", UIHint = UIHints.MultiLine)]
    public Input<string>? Keywords { get; set; }

    public override KeywordRule CreateRule(IActivityInputs inputs) => new(inputs.Get(Keywords) ?? string.Empty);
}

internal sealed record KeywordRule(string Keywords) : ITicketTriggerRule
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
