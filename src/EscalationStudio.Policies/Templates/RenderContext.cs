using System.Globalization;
using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;

namespace EscalationStudio.Policies.Templates;

/// <summary>
/// Lets templates use <see cref="DateTimeOffset"/> like a date: Scriban's date functions take <see cref="DateTime"/>,
/// so an instant becomes its wall-clock time in the offset the model gave it, and prints with that offset.
/// Included partials come parsed from the library's cache: each render has a context of its own, and Scriban's
/// per-context cache would otherwise parse every partial again on every render.
/// </summary>
internal sealed class RenderContext(TemplateLibrary library) : TemplateContext
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

    protected override Template CreateTemplate(string templatePath, ScriptNode? callerContext) =>
        Cached(templatePath) ?? base.CreateTemplate(templatePath, callerContext);

    protected override async ValueTask<Template> CreateTemplateAsync(string templatePath, ScriptNode? callerContext) =>
        Cached(templatePath) ?? await base.CreateTemplateAsync(templatePath, callerContext).ConfigureAwait(false);

    /// <summary>Null when the library cannot give it (missing file, syntax error): Scriban's own loading then reports the problem as before.</summary>
    private Template? Cached(string templatePath)
    {
        try
        {
            return File.Exists(templatePath) ? library.LoadFile(templatePath, templatePath) : null;
        }
        catch (TemplateException)
        {
            return null;
        }
    }
}
