using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace EscalationStudio.CodeStyle;

/// <summary>
/// Enforces <c>max_line_length</c> from .editorconfig: the IDE options only draw a guide, and a limit nothing checks
/// drifts. Generated code (migrations, Razor output) is exempt, and so are the inner lines of a multi-line raw string
/// literal: they are data (JSON lines, SQL) whose line breaks would change it.
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
        var root = context.Tree.GetRoot(context.CancellationToken);
        foreach (var line in text.Lines)
        {
            var length = line.Span.Length;
            if (length > limit && !IsInsideRawString(root, line))
            {
                var location = context.Tree.GetLocation(TextSpan.FromBounds(line.Start + limit, line.End));
                context.ReportDiagnostic(Diagnostic.Create(LineTooLong, location, length, limit));
            }
        }
    }

    /// <summary>
    /// Whether the whole line is content of a multi-line raw string literal (plain or interpolated): the literal opened
    /// on an earlier line and ends on this one or later, so the line holds no code of its own.
    /// </summary>
    private static bool IsInsideRawString(SyntaxNode root, TextLine line)
    {
        var token = root.FindToken(line.Start);
        var literal = token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken)
            ? token.Span
            : token.Parent?.AncestorsAndSelf().OfType<InterpolatedStringExpressionSyntax>()
                .FirstOrDefault(s => s.StringStartToken.IsKind(SyntaxKind.InterpolatedMultiLineRawStringStartToken))?.Span;
        return literal is { } span && span.Start < line.Start && span.End >= line.End;
    }
}
