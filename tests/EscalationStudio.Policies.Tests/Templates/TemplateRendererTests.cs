using EscalationStudio.Policies.Templates;

namespace EscalationStudio.Policies.Tests.Templates;

public sealed class TemplateRendererTests : IDisposable
{
    private readonly TemplateFolder _folder = new();

    private sealed record Model(string CustomerName, IReadOnlyList<int> Numbers);

    private static readonly Model Sample = new("Ana", [1, 2, 3]);

    public void Dispose() => _folder.Dispose();

    private TemplateRenderer Renderer(TemplateLimits? limits = null) =>
        new(new TemplateLibrary(_folder.Root), limits ?? TemplateLimits.Default);

    [Fact]
    public async Task RenderAsync_exposes_the_model_in_snake_case()
    {
        _folder.With("customer/hello", "Hello {{ customer_name }}: {{ numbers | array.join ',' }}");
        var rendered = await Renderer().RenderAsync("customer/hello", Sample);
        Assert.Equal("Hello Ana: 1,2,3", rendered.Text);
    }

    [Fact]
    public async Task RenderAsync_syntax_error_names_the_file_and_line()
    {
        _folder.With("agent/broken", "line one\nline two {{ if customer_name }}\nno end");
        var error = await Assert.ThrowsAsync<TemplateException>(() => Renderer().RenderAsync("agent/broken", Sample));
        Assert.Equal("templates/agent/broken.sbn", error.File);
        Assert.NotNull(error.Line);
        Assert.StartsWith("templates/agent/broken.sbn(", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_unknown_variable_names_the_line_it_is_on()
    {
        _folder.With("agent/typo", "Hello\n{{ customer_nmae }}");
        var error = await Assert.ThrowsAsync<TemplateException>(() => Renderer().RenderAsync("agent/typo", Sample));
        Assert.Equal(2, error.Line);
        Assert.Contains("customer_nmae", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_endless_loop_stops_at_the_loop_limit()
    {
        _folder.With("agent/loop", "{{ while true }}x{{ end }}");
        var error = await Assert.ThrowsAsync<TemplateException>(() => Renderer().RenderAsync("agent/loop", Sample));
        Assert.Contains("loop", error.Problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RenderAsync_endless_recursion_stops_at_the_recursion_limit()
    {
        _folder.With("agent/recursion", "{{ func again(n)\n ret again(n + 1)\nend\nagain(1) }}");
        var error = await Assert.ThrowsAsync<TemplateException>(() => Renderer().RenderAsync("agent/recursion", Sample));
        Assert.Contains("recursi", error.Problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RenderAsync_huge_output_stops_at_the_output_limit()
    {
        _folder.With("agent/flood", "{{ for i in 1..900 }}0123456789{{ end }}");
        await Assert.ThrowsAsync<TemplateException>(() => Renderer(TemplateLimits.Default with { OutputCharacters = 1_000 }).RenderAsync("agent/flood", Sample));
    }

    [Fact]
    public async Task RenderAsync_too_slow_is_stopped_at_the_timeout()
    {
        _folder.With("agent/slow", "{{ for i in 1..100000000 }}{{ end }}done");
        var limits = TemplateLimits.Default with { LoopLimit = int.MaxValue, Timeout = TimeSpan.FromMilliseconds(50) };
        var error = await Assert.ThrowsAsync<TemplateException>(() => Renderer(limits).RenderAsync("agent/slow", Sample));
        Assert.Contains("longer than", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_include_inside_the_folder_works()
    {
        _folder.With("partials/signature", "-- The support team").With("customer/note", "Hi {{ customer_name }}\n{{ include 'partials/signature' }}");
        Assert.Equal("Hi Ana\n-- The support team", (await Renderer().RenderAsync("customer/note", Sample)).Text);
    }

    [Fact]
    public async Task RenderAsync_include_outside_the_folder_is_refused()
    {
        _folder.With("customer/sneaky", "{{ include '../../etc/passwd' }}");
        var error = await Assert.ThrowsAsync<TemplateException>(() => Renderer().RenderAsync("customer/sneaky", Sample));
        Assert.Equal("templates/customer/sneaky.sbn", error.File);
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("/etc/passwd")]
    [InlineData("")]
    public async Task RenderAsync_name_outside_the_folder_is_refused(string name) =>
        await Assert.ThrowsAsync<TemplateException>(() => Renderer().RenderAsync(name, Sample));

    [Fact]
    public async Task RenderAsync_missing_template_says_which_file_was_expected()
    {
        var error = await Assert.ThrowsAsync<TemplateException>(() => Renderer().RenderAsync("agent/nope", Sample));
        Assert.Contains("templates/agent/nope.sbn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_after_the_file_changes_uses_the_new_text()
    {
        _folder.With("agent/changing", "one");
        var renderer = Renderer();
        Assert.Equal("one", (await renderer.RenderAsync("agent/changing", Sample)).Text);
        _folder.With("agent/changing", "two");
        File.SetLastWriteTimeUtc(Path.Combine(_folder.Root, "agent/changing.sbn"), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal("two", (await renderer.RenderAsync("agent/changing", Sample)).Text);
    }

    [Fact]
    public async Task RenderAsync_included_partial_comes_from_the_librarys_cache_of_that_file_version()
    {
        _folder.With("partials/signature", "-- cached").With("customer/note", "{{ include 'partials/signature' }}");
        var file = Path.Combine(_folder.Root, "partials/signature.sbn");
        var written = File.GetLastWriteTimeUtc(file);
        var library = new TemplateLibrary(_folder.Root);
        library.Load("partials/signature");

        // Same write time, other text: only a render that takes the parsed partial from the library still says "cached".
        _folder.With("partials/signature", "-- parsed again");
        File.SetLastWriteTimeUtc(file, written);

        Assert.Equal("-- cached", (await new TemplateRenderer(library, TemplateLimits.Default).RenderAsync("customer/note", Sample)).Text);
    }

    [Fact]
    public async Task RenderAsync_after_an_included_partial_changes_uses_its_new_text()
    {
        _folder.With("partials/signature", "-- one").With("customer/note", "{{ include 'partials/signature' }}");
        var renderer = Renderer();
        Assert.Equal("-- one", (await renderer.RenderAsync("customer/note", Sample)).Text);
        _folder.With("partials/signature", "-- two");
        File.SetLastWriteTimeUtc(Path.Combine(_folder.Root, "partials/signature.sbn"), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal("-- two", (await renderer.RenderAsync("customer/note", Sample)).Text);
    }

    [Fact]
    public async Task RenderAsync_included_partial_with_a_syntax_error_names_the_partial()
    {
        _folder.With("partials/broken", "{{ if }}").With("customer/note", "{{ include 'partials/broken' }}");
        var error = await Assert.ThrowsAsync<TemplateException>(() => Renderer().RenderAsync("customer/note", Sample));
        Assert.Contains("partials/broken", error.Message, StringComparison.Ordinal);
    }
}
