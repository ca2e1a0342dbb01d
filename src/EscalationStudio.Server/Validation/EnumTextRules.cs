using EscalationStudio.Domain.Tickets;
using FluentValidation;

namespace EscalationStudio.Server.Validation;

internal static class EnumTextRules
{
    /// <summary>The field, when present, must name a value of <typeparamref name="TEnum"/> in the API's words.</summary>
    public static IRuleBuilderOptions<T, string?> IsEnumText<T, TEnum>(this IRuleBuilder<T, string?> rule)
        where TEnum : struct, Enum =>
        rule.Must(text => text is null || TicketText.TryParse<TEnum>(text, out _))
            .WithMessage((_, text) => $"'{text}' is not one of {TicketText.Allowed<TEnum>()}");

    public static TEnum ParseOr<TEnum>(this string? text, TEnum fallback)
        where TEnum : struct, Enum => TicketText.TryParse<TEnum>(text, out var value) ? value : fallback;
}
