using System.Text.RegularExpressions;

namespace EscalationStudio.Policies.Signals;

internal enum TicketTextField
{
    Subject,
    Body,
}

/// <summary>One keyword found in a ticket's text: which keyword, where, and the text as the customer wrote it.</summary>
internal sealed record KeywordMatch(string Keyword, TicketTextField Field, string MatchedText, int Index);

/// <summary>
/// Finds words and phrases such as <c>refund</c>, <c>cancel*</c> or <c>speak to a lawyer</c> in a ticket's subject and
/// body: any case, whole words only (so <c>cancel</c> does not fire on "cancellation" unless written <c>cancel*</c>),
/// any whitespace between the words of a phrase.
/// </summary>
internal sealed class KeywordMatcher
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);
    private readonly (string Keyword, Regex Pattern)[] _keywords;

    private KeywordMatcher((string, Regex)[] keywords) => _keywords = keywords;

    public IReadOnlyList<string> Keywords => [.. _keywords.Select(k => k.Keyword)];

    /// <summary>One keyword per line or separated by commas; blank lines and lines starting with <c>#</c> are ignored.</summary>
    public static KeywordMatcher Parse(string? keywordList) =>
        Create((keywordList ?? string.Empty).Split(['\n', '\r', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#')));

    public static KeywordMatcher Create(IEnumerable<string> keywords) =>
        new([.. keywords
            .Select(k => string.Join(' ', k.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .Where(k => k.Trim('*').Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(k => (k, PatternFor(k)))]);

    /// <summary>Every keyword that occurs, first in the subject, then in the body, in reading order.</summary>
    public IReadOnlyList<KeywordMatch> Match(string? subject, string? body)
    {
        var matches = new List<KeywordMatch>();
        foreach (var (field, text) in new[] { (TicketTextField.Subject, subject), (TicketTextField.Body, body) })
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            var found = new List<KeywordMatch>();
            foreach (var (keyword, pattern) in _keywords)
            {
                try
                {
                    found.AddRange(pattern.Matches(text).Select(m => new KeywordMatch(keyword, field, m.Value, m.Index)));
                }
                catch (RegexMatchTimeoutException)
                {
                    // A pathological text must not stall the runtime; this keyword simply does not fire on it.
                }
            }

            matches.AddRange(found.OrderBy(m => m.Index));
        }

        return matches;
    }

    private static Regex PatternFor(string keyword)
    {
        var prefix = keyword.EndsWith('*');
        var words = keyword.TrimEnd('*').Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape);
        var body = string.Join(@"\s+", words);
        var end = prefix ? @"[\p{L}\p{N}]*" : @"(?![\p{L}\p{N}])";
        return new Regex(
            $@"(?<![\p{{L}}\p{{N}}]){body}{end}",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            MatchTimeout);
    }
}
