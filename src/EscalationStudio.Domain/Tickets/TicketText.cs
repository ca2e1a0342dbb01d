using System.Text.Json;

namespace EscalationStudio.Domain.Tickets;

/// <summary>
/// The words for enum values everywhere outside C#: the API, event data and policies all say <c>on-hold</c>,
/// <c>internal-note</c>, <c>urgent</c>. And what any text of a ticket may hold at all.
/// </summary>
public static class TicketText
{
    /// <summary>
    /// Why <paramref name="text"/> cannot be stored, or null when it can. PostgreSQL refuses the NUL character in text
    /// and JSON, and an unpaired UTF-16 surrogate is no character at all (it has no UTF-8 form). SQLite would take both,
    /// so the rule lives here rather than being left to one of the databases.
    /// </summary>
    public static string? Unstorable(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var span = text.AsSpan();
        var nul = span.IndexOf('\0');
        if (nul >= 0)
        {
            return $"contains a NUL character (U+0000) at position {nul + 1}, which cannot be stored";
        }

        for (var at = span.IndexOfAnyInRange('\uD800', '\uDFFF'); at >= 0;)
        {
            if (!char.IsHighSurrogate(span[at]) || at + 1 == span.Length || !char.IsLowSurrogate(span[at + 1]))
            {
                return $"contains an unpaired surrogate (U+{(int)span[at]:X4}) at position {at + 1}, which is not valid Unicode";
            }

            var next = span[(at + 2)..].IndexOfAnyInRange('\uD800', '\uDFFF');
            at = next < 0 ? -1 : at + 2 + next;
        }

        return null;
    }

    /// <summary>Refuses text that cannot be stored, naming the field (as the API names it).</summary>
    /// <exception cref="TicketRuleViolationException">The text holds a NUL or an unpaired surrogate.</exception>
    public static void EnsureStorable(string? text, string field)
    {
        if (Unstorable(text) is { } problem)
        {
            throw new TicketRuleViolationException($"{field} {problem}", field);
        }
    }

    public static string ToText<TEnum>(this TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>Parses <c>on-hold</c>, <c>OnHold</c> or <c>onhold</c>; numbers are refused.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || char.IsAsciiDigit(text.Trim()[0]) || text.Trim()[0] == '-')
        {
            return false;
        }

        return Enum.TryParse(text.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out value)
            && Enum.IsDefined(value);
    }

    public static string Allowed<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(v => v.ToText()));
}
