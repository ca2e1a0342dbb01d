using System.Collections.Frozen;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Metrics.Summaries;

/// <summary>
/// Reads the enum texts events carry (<c>on-hold</c>, <c>urgent</c>) from a table built once: the fold reads one per
/// status or priority change, and the general parser allocates for each.
/// </summary>
internal static class EventText
{
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        if (text is not null && Table<TEnum>.ByText.TryGetValue(text, out value))
        {
            return true;
        }

        return TicketText.TryParse(text, out value);
    }

    private static class Table<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<string, TEnum> ByText =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v.ToText(), StringComparer.Ordinal);
    }
}
