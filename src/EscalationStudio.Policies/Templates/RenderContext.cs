using System.Globalization;
using Scriban;
using Scriban.Parsing;

namespace EscalationStudio.Policies.Templates;

/// <summary>
/// Lets templates use <see cref="DateTimeOffset"/> like a date: Scriban's date functions take <see cref="DateTime"/>,
/// so an instant becomes its wall-clock time in the offset the model gave it, and prints with that offset.
/// </summary>
internal sealed class RenderContext : TemplateContext
{
    public override object? ToObject(SourceSpan span, object? value, Type destinationType)
    {
        if (value is DateTimeOffset instant && (destinationType == typeof(DateTime) || destinationType == typeof(DateTime?)))
        {
            return instant.DateTime;
        }

        return base.ToObject(span, value, destinationType);
    }

    public override string? ObjectToString(object? value, bool nested = false) =>
        value is DateTimeOffset instant
            ? instant.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)
            : base.ObjectToString(value, nested);
}
