using Markdig;
using Microsoft.AspNetCore.Components;

namespace EscalationStudio.Server.Desk;

/// <summary>
/// Briefings and notes are Markdown (the templates write it). Rendered with raw HTML switched off: the text quotes the
/// customer, and a customer's &lt;script&gt; must reach the page as text.
/// </summary>
internal static class BriefingMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    public static MarkupString ToHtml(string markdown) => new(Markdown.ToHtml(markdown, Pipeline));

    /// <summary>The first lines with words in them, Markdown marks taken off: what the inbox shows of a briefing.</summary>
    public static string FirstLines(string markdown, int lines = 2) =>
        string.Join(" · ", Markdown.ToPlainText(markdown, Pipeline)
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Take(lines));
}
