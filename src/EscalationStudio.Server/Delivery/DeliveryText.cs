using System.Net;
using System.Text.RegularExpressions;
using Markdig;

namespace EscalationStudio.Server.Delivery;

/// <summary>
/// A template's Markdown as each channel reads it best: an e-mail's HTML part (Markdig, raw HTML in customer text
/// escaped rather than passed through) and plain-text part, Slack's mrkdwn, Teams' Markdown.
/// </summary>
internal static partial class DeliveryText
{
    // Raw HTML stays text: a customer's words reach briefings verbatim and must not become markup in a mail reader.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseSoftlineBreakAsHardlineBreak().Build();

    public static string Html(string markdown, string subject) =>
        $"""
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(subject)}</title></head>
        <body style="font-family: -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; font-size: 14px; line-height: 1.45; color: #1f2328; max-width: 720px;">
        {Markdown.ToHtml(markdown, Pipeline)}</body></html>
        """;

    /// <summary>The text as written, minus the emphasis marks: Markdown already reads as plain text.</summary>
    public static string Plain(string markdown) => Emphasis().Replace(markdown, "$1");

    /// <summary>Slack's mrkdwn: <c>*bold*</c>, <c>&lt;url|text&gt;</c> links, and &amp; &lt; &gt; escaped as Slack asks.</summary>
    public static string Slack(string markdown)
    {
        var escaped = markdown.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

        // A quote line's '>' was escaped with the rest; Slack quotes with a literal '>' at the start of a line.
        escaped = QuoteLine().Replace(escaped, ">");
        escaped = Link().Replace(escaped, "<$2|$1>");
        return Emphasis().Replace(escaped, "*$1*");
    }

    /// <summary>Teams' MessageCard text takes Markdown, with a line break only where a paragraph ends.</summary>
    public static string Teams(string markdown) => markdown.Replace("\n", "\n\n", StringComparison.Ordinal);

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"^&gt;", RegexOptions.Multiline)]
    private static partial Regex QuoteLine();

    [GeneratedRegex(@"\[([^\]]+)\]\((https?://[^)\s]+)\)")]
    private static partial Regex Link();
}
