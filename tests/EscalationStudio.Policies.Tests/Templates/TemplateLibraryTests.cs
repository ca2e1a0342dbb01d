using EscalationStudio.Policies.Templates;

namespace EscalationStudio.Policies.Tests.Templates;

public sealed class TemplateLibraryTests : IDisposable
{
    private readonly TemplateFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void List_names_audiences_and_descriptions()
    {
        _folder.With("customer/escalated", "{{## Tells the customer\n   their case moved up. ##}}\nHello")
            .With("agent/briefing", "no comment");
        var templates = new TemplateLibrary(_folder.Root).List();
        Assert.Equal(["agent/briefing", "customer/escalated"], templates.Select(t => t.Name).ToArray());
        Assert.Equal("customer", templates[1].Audience);
        Assert.Equal("Tells the customer their case moved up.", templates[1].Description);
        Assert.Equal(string.Empty, templates[0].Description);
    }

    [Fact]
    public void List_missing_folder_is_empty() =>
        Assert.Empty(new TemplateLibrary(Path.Combine(_folder.Root, "absent")).List());

    [Fact]
    public void Problems_of_a_broken_template_name_file_and_line()
    {
        _folder.With("agent/broken", "ok\n{{ for x in }}");
        var problem = Assert.Single(new TemplateLibrary(_folder.Root).Problems("agent/broken"));
        Assert.StartsWith("templates/agent/broken.sbn(2,", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Exists_tells_known_from_unknown_names()
    {
        _folder.With("agent/briefing", "x");
        var library = new TemplateLibrary(_folder.Root);
        Assert.True(library.Exists("agent/briefing"));
        Assert.False(library.Exists("agent/other"));
        Assert.False(library.Exists("../agent/briefing"));
    }
}
