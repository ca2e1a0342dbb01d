using System.Net;

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
