using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EscalationStudio.CodeStyle;

/// <summary>
/// Enforces <c>max_line_length</c> from .editorconfig: the IDE options only draw a guide, and a limit nothing checks
/// drifts. Generated code (migrations, Razor output) is exempt.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LineLengthAnalyzer : DiagnosticAnalyzer
{
    public const string DiagnosticId = "ES1001";

    private static readonly DiagnosticDescriptor LineTooLong = new(
        DiagnosticId,
        "Line too long",
        "Line is {0} characters long; max_line_length is {1}",
        "Style",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Lines stay within the .editorconfig's max_line_length so diffs and reviews read without scrolling.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(LineTooLong);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxTreeAction(Check);
    }

    private static void Check(SyntaxTreeAnalysisContext context)
    {
        var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(context.Tree);
        if (!options.TryGetValue("max_line_length", out var configured) || !int.TryParse(configured, out var limit) || limit <= 0)
        {
            return;
        }

        var text = context.Tree.GetText(context.CancellationToken);
        foreach (var line in text.Lines)
        {
            var length = line.Span.Length;
            if (length > limit)
            {
                var location = context.Tree.GetLocation(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(line.Start + limit, line.End));
                context.ReportDiagnostic(Diagnostic.Create(LineTooLong, location, length, limit));
            }
        }
    }
}
