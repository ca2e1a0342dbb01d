using System.Globalization;
using System.Text.RegularExpressions;

namespace EscalationStudio.Policies.Sla;

/// <summary>Durations as support managers write them: <c>4h</c>, <c>30m</c>, <c>1h 30m</c>, <c>90s</c>, or <c>04:00:00</c>.</summary>
internal static partial class DurationText
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
        }

        var match = Units().Match(trimmed);
        if (!match.Success)
        {
            return false;
        }

        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = part.Value.TrimEnd()[^1];
            var amount = double.Parse(part.Value.TrimEnd()[..^1], CultureInfo.InvariantCulture);
            duration += unit switch
            {
                'h' or 'H' => TimeSpan.FromHours(amount),
                'm' or 'M' => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromSeconds(amount),
            };
        }

        return duration > TimeSpan.Zero;
    }

    public static TimeSpan Parse(string? text, string field) =>
        TryParse(text, out var duration)
            ? duration
            : throw new FormatException($"{field}: '{text}' is not a duration; write e.g. 4h, 30m, 1h 30m or 04:00:00");

    [GeneratedRegex(@"^(?:(?<part>\d+(?:\.\d+)?\s*[hHmMsS])\s*)+$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Units();
}
