using System.Net;
using System.Security.Cryptography;

namespace EscalationStudio.Server.Tests.Studio;

[Collection(StudioServerCollection.Name)]
public sealed class DesignerFilesTests(StudioServer server)
{
    private const string DotnetJs = "studio/_framework/dotnet.js";

    [Fact]
    public async Task A_browser_that_accepts_Brotli_gets_the_precompressed_file()
    {
        using var response = await Get(DotnetJs, "gzip, deflate, br");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new FileInfo(PackageFile("_framework/dotnet.js.br")).Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task A_browser_that_accepts_only_gzip_gets_the_gzip_file()
    {
        using var response = await Get(DotnetJs, "gzip");

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Equal(new FileInfo(PackageFile("_framework/dotnet.js.gz")).Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Without_Accept_Encoding_the_file_is_served_as_is()
    {
        using var response = await Get(DotnetJs, null);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(await File.ReadAllBytesAsync(PackageFile("_framework/dotnet.js")), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Brotli_refused_with_q_zero_falls_back_to_gzip()
    {
        using var response = await Get(DotnetJs, "br;q=0, gzip");

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
    }

    [Theory]
    [InlineData(".wasm", "application/wasm")]
    [InlineData(".dat", "application/octet-stream")]
    public async Task Runtime_files_have_the_content_type_the_browser_needs(string extension, string contentType)
    {
        var file = Directory.GetFiles(PackageFile("_framework"), "*" + extension).Select(Path.GetFileName).First();

        using var response = await Get("studio/_framework/" + file, "br");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("studio/_framework/no-such-file.js")]
    [InlineData("studio/_framework/dotnet.js.br")]
    [InlineData("studio/..%2F..%2Fappsettings.json")]
    public async Task Missing_compressed_or_escaping_paths_are_not_found(string path)
    {
        using var response = await Get(path, "br");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task HEAD_answers_the_headers_of_the_compressed_file_without_a_body()
    {
        using var client = server.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Head, DotnetJs);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_unchanged_file_is_answered_304_on_revalidation()
    {
        using var first = await Get("studio/_content/MudBlazor/MudBlazor.min.css", "br");
        using var client = server.Anonymous();
        using var again = new HttpRequestMessage(HttpMethod.Get, "studio/_content/MudBlazor/MudBlazor.min.css");
        again.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task The_designer_page_links_its_files_by_content_hash_and_is_itself_revalidated()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);

        using var page = await client.GetAsync("studio/workflows/refund-keyword");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.CacheControl?.NoCache, page.Headers.CacheControl?.ToString());
        var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(PackageFile("_content/MudBlazor/MudBlazor.min.css"))))[..16];
        Assert.Contains($"_content/MudBlazor/MudBlazor.min.css?v={hash}", html, StringComparison.Ordinal);
        Assert.Contains("_framework/blazor.webassembly.js?v=", html, StringComparison.Ordinal);

        using var versioned = await Get($"studio/_content/MudBlazor/MudBlazor.min.css?v={hash}", "br");
        Assert.Equal(HttpStatusCode.OK, versioned.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", versioned.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("studio/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("studio/_content/MudBlazor/MudBlazor.min.css?v=0123456789abcdef")]
    [InlineData("studio/_framework/dotnet.js")]
    public async Task A_file_without_its_current_version_is_revalidated_on_every_use(string path)
    {
        using var response = await Get(path, "br");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoCache, response.Headers.CacheControl?.ToString());
        Assert.False(response.Headers.CacheControl?.MaxAge > TimeSpan.Zero);
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    public async Task API_JSON_is_compressed_when_the_client_accepts_it(string acceptEncoding, string expected)
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, "elsa/api/descriptors/activities");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var plainRequest = new HttpRequestMessage(HttpMethod.Get, "elsa/api/descriptors/activities");

        using var response = await client.SendAsync(request);
        using var plain = await client.SendAsync(plainRequest);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([expected], response.Content.Headers.ContentEncoding);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        var json = await plain.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length * 3 < json.Length, $"{compressed.Length} compressed bytes of {json.Length}");
    }

    private async Task<HttpResponseMessage> Get(string path, string? acceptEncoding)
    {
        using var client = server.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        return await client.SendAsync(request);
    }

    private static string PackageFile(string relative) => Path.Combine(Repository.DesignerPackage, relative);
}
