namespace EscalationStudio.Policies.Tests.Templates;

/// <summary>A throw-away templates folder on disk.</summary>
internal sealed class TemplateFolder : IDisposable
{
    public TemplateFolder() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "escalation-templates-" + Guid.NewGuid().ToString("N"));

    public TemplateFolder With(string name, string text)
    {
        var file = Path.Combine(Root, name + ".sbn");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return this;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
