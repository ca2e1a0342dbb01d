using System.Text.RegularExpressions;

namespace EscalationStudio.Policies.Signals;

/// <summary>Whether the customer asked for someone with more authority, and the words they used.</summary>
internal sealed record ManagerRequest(bool Requested, string? Phrase)
{
    public static readonly ManagerRequest None = new(false, null);
}

/// <summary>
/// Notices when a customer asks for a manager, a supervisor, someone in charge or a human. Only requests count:
/// "my manager asked me to write" or "no need to involve a supervisor" do not, nor do quoted earlier e-mails.
/// </summary>
internal static partial class ManagerRequestDetector
{
    public static ManagerRequest Detect(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ManagerRequest.None;
        }

        var ownWords = string.Join('\n', text.Split('\n').Where(line => !line.TrimStart().StartsWith('>')));
        try
        {
            foreach (var pattern in new[] { SpeakTo(), AskFor(), IsThere(), NotABot() })
            {
                foreach (Match match in pattern.Matches(ownWords))
                {
                    if (!IsNegated(ownWords, match.Index))
                    {
                        return new ManagerRequest(true, match.Value.Trim());
                    }
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return ManagerRequest.None;
        }

        return ManagerRequest.None;
    }

    /// <summary>"I don't want to speak to a manager", "no need to escalate to a supervisor".</summary>
    private static bool IsNegated(string text, int matchStart)
    {
        var clauseStart = text.LastIndexOfAny(['.', '!', '?', ';', '\n'], Math.Max(0, matchStart - 1)) + 1;
        var before = text[clauseStart..matchStart];
        return Negation().IsMatch(before);
    }

    private const string Authority =
        @"(?:manager|supervisor|team\s*lead(?:er)?|superior|boss|human(?:\s+being)?" +
        @"|real\s+(?:person|human)|actual\s+(?:person|human)|live\s+(?:agent|person)|person\s+in\s+charge" +
        @"|(?:some|any)(?:one|body)\s+(?:in\s+charge|senior|more\s+senior|higher\s+up|with\s+(?:more\s+)?authority)" +
        @"|higher[\s-]+up|head\s+of\s+(?:support|customer\s+service))";

    [GeneratedRegex(@"\b(?:speak|talk|chat)\s+(?:to|with)\s+(?:(?:a|an|your|the|some)\s+)?" + Authority + @"\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex SpeakTo();

    [GeneratedRegex(
        @"\b(?:i\s+(?:want|need|demand|request|insist\s+on|would\s+like|'d\s+like)|give\s+me|get\s+me" +
        @"|put\s+me\s+through\s+to|transfer\s+me\s+to|connect\s+me\s+(?:to|with)" +
        @"|escalate\s+(?:this|it|my\s+(?:case|ticket|complaint))\s+to|pass\s+(?:this|me|it)\s+(?:on\s+)?to)" +
        @"\s+(?:(?:a|an|your|the|some)\s+)?" + Authority + @"\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex AskFor();

    [GeneratedRegex(@"\b(?:is\s+there|isn't\s+there|there\s+must\s+be)\s+(?:a|an|any|some)(?:one|body)?\s*(?:else\s+)?(?:" + Authority + @"|who(?:'s|\s+is)\s+in\s+charge|in\s+charge)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex IsThere();

    [GeneratedRegex(@"\b(?:stop|done|tired\s+of|sick\s+of|fed\s+up\s+with)\s+(?:talking\s+to|chatting\s+with|dealing\s+with)\s+(?:a\s+|this\s+|your\s+)?(?:bot|robot|machine|script|chatbot)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex NotABot();

    [GeneratedRegex(@"\b(?:don't|do\s+not|dont|doesn't|does\s+not|didn't|did\s+not|no\s+need|never|not|won't|without)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Negation();
}
