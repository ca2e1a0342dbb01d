using System.Text.Json;

namespace EscalationStudio.Domain.Tickets;

/// <summary>
/// The words for enum values everywhere outside C#: the API, event data and policies all say <c>on-hold</c>,
/// <c>internal-note</c>, <c>urgent</c>.
/// </summary>
public static class TicketText
{
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
