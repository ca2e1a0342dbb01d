namespace EscalationStudio.Policies.Templates;

/// <summary>A template that cannot be found, parsed or rendered; the message names the file and, when known, the line.</summary>
internal sealed class TemplateException(string templateName, string file, int? line, int? column, string problem, Exception? inner = null)
    : Exception(line is null ? $"{file}: {problem}" : $"{file}({line},{column}): {problem}", inner)
{
    public string TemplateName { get; } = templateName;

    public string File { get; } = file;

    /// <summary>1-based, like an editor shows it.</summary>
    public int? Line { get; } = line;

    public int? Column { get; } = column;

    public string Problem { get; } = problem;
}
