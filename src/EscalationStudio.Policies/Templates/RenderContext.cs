using System.Collections.Concurrent;
using System.Globalization;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Runtime.Accessors;
using Scriban.Syntax;

namespace EscalationStudio.Policies.Templates;

/// <summary>
/// Lets templates use <see cref="DateTimeOffset"/> like a date: Scriban's date functions take <see cref="DateTime"/>,
/// so an instant becomes its wall-clock time in the offset the model gave it, and prints with that offset.
/// Included partials come parsed from the library's cache: each render has a context of its own, and Scriban's
/// per-context cache would otherwise parse every partial again on every render. Likewise the accessors that read model
/// objects' members are kept per type for all renders, instead of being built again by reflection in every context.
/// </summary>
internal sealed class RenderContext(TemplateLibrary library) : TemplateContext
{
    private static readonly ConcurrentDictionary<Type, IObjectAccessor> ModelAccessors = new();

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

    /// <remarks>
    /// A typed accessor depends only on the type, the member renamer and the member filter, and is read-only once built;
    /// every context the renderer makes uses the standard renamer and no filter, and others do not share the cache.
    /// </remarks>
    protected override IObjectAccessor? GetMemberAccessorImpl(object target)
    {
        var shared = MemberRenamer == StandardMemberRenamer.Default && MemberFilter is null;
        if (shared && ModelAccessors.TryGetValue(target.GetType(), out var cached))
        {
            return cached;
        }

        var accessor = base.GetMemberAccessorImpl(target);
        if (shared && accessor is TypedObjectAccessor)
        {
            ModelAccessors.TryAdd(target.GetType(), accessor);
        }

        return accessor;
    }

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
