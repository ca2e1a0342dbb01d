using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace EscalationStudio.Policies.Templates;

internal sealed record RenderedTemplate(string Name, string Text);

/// <summary>
/// Renders a template from the library with a model (its members in snake_case: <c>ticket.subject</c>,
/// <c>customer.lifetime_value</c>), within <see cref="TemplateLimits"/>. Every failure is a <see cref="TemplateException"/>
/// naming the template file and line; nothing else escapes.
/// </summary>
internal sealed class TemplateRenderer(TemplateLibrary library, TemplateLimits limits)
{
    public TemplateRenderer(TemplateLibrary library)
        : this(library, TemplateLimits.Default)
    {
    }

    public TemplateLibrary Library { get; } = library;

    /// <remarks>
    /// Rendered with Scriban's synchronous evaluator: models and partials are all in memory, so the asynchronous one
    /// awaited nothing and only paid for a state machine at every node of the template. The timeout still stops it,
    /// through the context's cancellation token, which Scriban checks in loops and calls either way.
    /// </remarks>
    public Task<RenderedTemplate> RenderAsync(string name, object model, CancellationToken cancellationToken = default)
    {
        try
        {
            return Task.FromResult(Render(name, model, cancellationToken));
        }
        catch (Exception error)
        {
            return Task.FromException<RenderedTemplate>(error);
        }
    }

    private RenderedTemplate Render(string name, object model, CancellationToken cancellationToken)
    {
        var template = Library.Load(name);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limits.Timeout);
        var context = CreateContext(model, timeout.Token);
        try
        {
            return new RenderedTemplate(name, template.Render(context));
        }
        catch (ScriptAbortException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failure(name, error.Span, $"rendering took longer than {limits.Timeout.TotalSeconds:0.##} s and was stopped", error);
        }
        catch (ScriptRuntimeException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failure(name, error.Span, error.OriginalMessage, error);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failure(name, context.CurrentSpan, $"rendering took longer than {limits.Timeout.TotalSeconds:0.##} s and was stopped", error);
        }
        catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException and not TemplateException)
        {
            throw Failure(name, context.CurrentSpan, error.Message, error);
        }
    }

    private TemplateContext CreateContext(object model, CancellationToken cancellationToken)
    {
        var globals = new ScriptObject();
        globals.Import(model, renamer: StandardMemberRenamer.Default);
        var context = new RenderContext(Library)
        {
            MemberRenamer = StandardMemberRenamer.Default,
            LoopLimit = limits.LoopLimit,
            LoopLimitQueryable = limits.LoopLimit,
            RecursiveLimit = limits.RecursionLimit,
            ObjectRecursionLimit = limits.RecursionLimit,
            OutputLimit = limits.OutputCharacters,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            LimitToString = limits.OutputCharacters,
            RegexTimeOut = TimeSpan.FromMilliseconds(250),
            StrictVariables = true,
            TemplateLoader = new LibraryTemplateLoader(Library),
            CancellationToken = cancellationToken,
            NewLine = "\n",
        };
        context.PushGlobal(globals);
        context.PushCulture(System.Globalization.CultureInfo.InvariantCulture);
        return context;
    }

    private TemplateException Failure(string name, SourceSpan span, string problem, Exception inner)
    {
        var file = string.IsNullOrEmpty(span.FileName) ? Library.RelativeFile(Library.Resolve(name))
            : Path.IsPathRooted(span.FileName) ? Library.RelativeFile(span.FileName)
            : span.FileName;
        return span.IsEmpty && span.Start.Line == 0 && span.End.Line == 0 && string.IsNullOrEmpty(span.FileName)
            ? new TemplateException(name, file, null, null, problem, inner)
            : new TemplateException(name, file, span.Start.Line + 1, span.Start.Column + 1, problem, inner);
    }

    /// <summary><c>{{ include 'partials/signature' }}</c> reads from the same folder, and only from there.</summary>
    private sealed class LibraryTemplateLoader(TemplateLibrary library) : ITemplateLoader
    {
        public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
        {
            try
            {
                return library.Resolve(templateName);
            }
            catch (TemplateException error)
            {
                throw new ScriptRuntimeException(callerSpan, error.Problem);
            }
        }

        public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath)
        {
            if (!File.Exists(templatePath))
            {
                throw new ScriptRuntimeException(callerSpan, $"the included template {library.RelativeFile(templatePath)} does not exist");
            }

            return File.ReadAllText(templatePath);
        }

        public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));
    }
}
