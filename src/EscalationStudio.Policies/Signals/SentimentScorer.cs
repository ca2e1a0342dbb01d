using System.Text.RegularExpressions;

namespace EscalationStudio.Policies.Signals;

/// <summary>One word that moved the score, with what it contributed after negation and intensifiers.</summary>
internal sealed record SentimentDriver(string Word, double Contribution);

/// <summary>A score from -1 (hostile) to +1 (delighted) and the words that drove it, strongest first.</summary>
internal sealed record SentimentScore(double Score, IReadOnlyList<SentimentDriver> Drivers)
{
    public static readonly SentimentScore Neutral = new(0, []);
}

/// <summary>
/// Scores a customer's tone offline, from a lexicon: no model to download, no text leaves the server, and the words
/// that drove the score are shown to the agent. Negations ("not happy") flip a word within the same clause, intensifiers
/// ("extremely") scale it, and SHOUTED words count more.
/// </summary>
internal static partial class SentimentScorer
{
    private const double NegationFactor = -0.75;
    private const double ShoutFactor = 1.3;
    private const int NegationReach = 3;

    // Keeps a long score meaningful: the sum is squashed into (-1, 1) the way VADER does.
    private const double Squash = 15;

    public static SentimentScore Score(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return SentimentScore.Neutral;
        }

        var drivers = new List<SentimentDriver>();
        var sinceNegation = int.MaxValue;
        var intensity = 1.0;
        foreach (Match token in Tokens().Matches(WithoutQuotedReplies(text)))
        {
            var raw = token.Value;
            if (!char.IsLetter(raw[0]))
            {
                sinceNegation = int.MaxValue;
                intensity = 1.0;
                continue;
            }

            var word = raw.ToLowerInvariant().Replace("'", string.Empty, StringComparison.Ordinal).Replace("’", string.Empty, StringComparison.Ordinal);
            if (word == "but")
            {
                sinceNegation = int.MaxValue;
                continue;
            }

            if (SentimentLexicon.Negators.Contains(word) || word.EndsWith("nt", StringComparison.Ordinal) && raw.Contains('\''))
            {
                sinceNegation = 0;
                continue;
            }

            if (SentimentLexicon.Intensifiers.TryGetValue(word, out var factor))
            {
                intensity *= factor;
                continue;
            }

            sinceNegation = sinceNegation == int.MaxValue ? sinceNegation : sinceNegation + 1;
            if (!SentimentLexicon.Valence.TryGetValue(word, out var valence))
            {
                intensity = 1.0;
                continue;
            }

            var contribution = valence * intensity;
            if (sinceNegation <= NegationReach)
            {
                contribution *= NegationFactor;
            }

            if (raw.Length > 1 && raw.All(c => !char.IsLetter(c) || char.IsUpper(c)))
            {
                contribution *= ShoutFactor;
            }

            drivers.Add(new SentimentDriver(word, Math.Round(contribution, 2)));
            intensity = 1.0;
        }

        var sum = drivers.Sum(d => d.Contribution);
        return new SentimentScore(Math.Round(sum / Math.Sqrt(sum * sum + Squash), 3), Strongest(drivers));
    }

    /// <summary>
    /// The tone of a conversation from the customer's messages, oldest first: the latest message weighs most and each
    /// older one half as much, so a customer who calms down is not held to an angry first message.
    /// </summary>
    public static SentimentScore ScoreConversation(IEnumerable<string> customerMessagesOldestFirst)
    {
        var scored = customerMessagesOldestFirst.Select(Score).ToList();
        if (scored.Count == 0)
        {
            return SentimentScore.Neutral;
        }

        double weighted = 0, weights = 0, weight = 1;
        for (var i = scored.Count - 1; i >= 0; i--, weight /= 2)
        {
            weighted += scored[i].Score * weight;
            weights += weight;
        }

        var drivers = scored.SelectMany(s => s.Drivers)
            .GroupBy(d => d.Word)
            .Select(g => new SentimentDriver(g.Key, Math.Round(g.Sum(d => d.Contribution), 2)));
        return new SentimentScore(Math.Round(weighted / weights, 3), Strongest(drivers));
    }

    private static List<SentimentDriver> Strongest(IEnumerable<SentimentDriver> drivers) =>
        [.. drivers.OrderByDescending(d => Math.Abs(d.Contribution)).ThenBy(d => d.Word, StringComparer.Ordinal).Take(10)];

    /// <summary>Quoted earlier e-mails ("&gt; ...") are not the customer's tone now.</summary>
    private static string WithoutQuotedReplies(string text) =>
        string.Join('\n', text.Split('\n').Where(line => !line.TrimStart().StartsWith('>')));

    [GeneratedRegex(@"[\p{L}][\p{L}'’]*|[.!?;:]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Tokens();
}
