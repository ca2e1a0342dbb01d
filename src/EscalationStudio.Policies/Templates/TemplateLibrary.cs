using System.Text.RegularExpressions;
using Scriban;
using Scriban.Parsing;

namespace EscalationStudio.Policies.Templates;

/// <summary>
/// The Scriban templates in the templates folder (<c>*.sbn</c>): lists them, checks them and parses them once per file
/// version, so an admin's edit applies on the next render without a restart.
/// </summary>
public sealed partial class TemplateLibrary
{
    public const string Extension = ".sbn";

    private readonly Dictionary<string, (DateTime Written, Template Template)> _parsed = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public TemplateLibrary(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public IReadOnlyList<TemplateInfo> List()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(Root, "*" + Extension, SearchOption.AllDirectories)
            .Select(file => Describe(NameOf(file), file))
            .OrderBy(t => t.Name, StringComparer.Ordinal)];
    }

    public bool Exists(string name) => TryResolve(name, out var file) && File.Exists(file);

    /// <summary>Parse problems of one template, each as "file(line,column): message"; empty when it is fine.</summary>
    public IReadOnlyList<string> Problems(string name)
    {
        try
        {
            Load(name);
            return [];
        }
        catch (TemplateException error)
        {
            return [error.Message];
        }
    }

    /// <exception cref="TemplateException">Unknown name, unreadable file or syntax errors.</exception>
    public Template Load(string name)
    {
        var file = Resolve(name);
        if (!File.Exists(file))
        {
            throw new TemplateException(name, RelativeFile(file), null, null, $"no template named '{name}' (looked for {RelativeFile(file)})");
        }

        return LoadFile(name, file);
    }

    /// <summary>
    /// The parsed template of a file inside the folder (an include's resolved path), from the same per-version cache
    /// as <see cref="Load"/>, so a partial is not parsed again on every render that includes it.
    /// </summary>
    /// <exception cref="TemplateException">Unreadable file or syntax errors.</exception>
    internal Template LoadFile(string name, string file)
    {
        var written = File.GetLastWriteTimeUtc(file);
        lock (_gate)
        {
            if (_parsed.TryGetValue(file, out var cached) && cached.Written == written)
            {
                return cached.Template;
            }
        }

        var template = Template.Parse(File.ReadAllText(file), RelativeFile(file));
        if (template.HasErrors)
        {
            var first = template.Messages.First(m => m.Type == ParserMessageType.Error);
            throw new TemplateException(name, RelativeFile(file), first.Span.Start.Line + 1, first.Span.Start.Column + 1, first.Message);
        }

        lock (_gate)
        {
            _parsed[file] = (written, template);
        }

        return template;
    }

    /// <summary>The file a template name stands for; names that climb out of the folder are refused.</summary>
    internal string Resolve(string name) =>
        TryResolve(name, out var file)
            ? file
            : throw new TemplateException(name, name, null, null, $"'{name}' is not a template name (use a path below the templates folder, such as agent/escalation-briefing)");

    internal string RelativeFile(string file) =>
        Path.Combine("templates", Path.GetRelativePath(Root, file)).Replace('\\', '/');

    private bool TryResolve(string name, out string file)
    {
        file = string.Empty;
        if (string.IsNullOrWhiteSpace(name) || Path.IsPathRooted(name) || name.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        var relative = name.EndsWith(Extension, StringComparison.Ordinal) ? name : name + Extension;
        var full = Path.GetFullPath(Path.Combine(Root, relative));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return false;
        }

        file = full;
        return true;
    }

    private string NameOf(string file) =>
        Path.ChangeExtension(Path.GetRelativePath(Root, file), null).Replace('\\', '/');

    private static TemplateInfo Describe(string name, string file)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var audience = slash > 0 ? name[..slash] : "general";
        string description;
        try
        {
            using var reader = new StreamReader(file);
            var head = new char[2048];
            var read = reader.ReadBlock(head, 0, head.Length);
            var match = LeadingComment().Match(new string(head, 0, read));
            description = match.Success ? Regex.Replace(match.Groups["text"].Value.Trim(), @"\s+", " ") : string.Empty;
        }
        catch (IOException)
        {
            description = string.Empty;
        }

        return new TemplateInfo(name, audience, description, file);
    }

    [GeneratedRegex(@"^\s*\{\{[~-]?\s*##(?<text>.*?)##\s*[~-]?\}\}", RegexOptions.Singleline, matchTimeoutMilliseconds: 250)]
    private static partial Regex LeadingComment();
}
