using System.Text.RegularExpressions;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace EscalationStudio.Server.Studio.Assets;

/// <summary>
/// Serves the designer package's files, choosing the precompressed .br or .gz sibling when the browser accepts it:
/// a page load is about 31 MB raw and about 9 MB as Brotli.
/// </summary>
internal static partial class DesignerFileEndpoint
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = CreateContentTypes();

    public static IResult Serve(string path, HttpContext context, DesignerAssets assets)
    {
        if (assets.Files is not { } files || path.Contains("..", StringComparison.Ordinal))
        {
            return TypedResults.NotFound();
        }

        var file = files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory || path.EndsWith(".br", StringComparison.Ordinal) || path.EndsWith(".gz", StringComparison.Ordinal))
        {
            return TypedResults.NotFound();
        }

        if (!ContentTypes.TryGetContentType(path, out var contentType))
        {
            contentType = "application/octet-stream";
        }

        var response = context.Response;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        // A name with Blazor's hash, or the ?v= the page links by (DesignerAssets.VersionedUrl) when it is this content's:
        // the same URL never means other bytes, so the browser need not ask again. Anything else is revalidated.
        var versioned = Fingerprinted().IsMatch(path)
            || (context.Request.Query["v"] is [{ } version] && version == assets.Version(path));
        response.Headers.CacheControl = versioned ? "public, max-age=31536000, immutable" : "no-cache";

        var (served, encoding) = ChooseEncoding(files, path, file, context.Request.Headers.AcceptEncoding.ToString());
        if (encoding is not null)
        {
            response.Headers.ContentEncoding = encoding;
        }

        var etag = new EntityTagHeaderValue($"\"{served.LastModified.UtcTicks:x}-{served.Length:x}{encoding?[0]}\"");
        return TypedResults.PhysicalFile(served.PhysicalPath!, contentType, lastModified: served.LastModified, entityTag: etag);
    }

    private static (IFileInfo File, string? Encoding) ChooseEncoding(IFileProvider files, string path, IFileInfo plain, string acceptEncoding)
    {
        foreach (var (encoding, suffix) in new[] { ("br", ".br"), ("gzip", ".gz") })
        {
            if (!Accepts(acceptEncoding, encoding))
            {
                continue;
            }

            var compressed = files.GetFileInfo(path + suffix);
            if (compressed.Exists)
            {
                return (compressed, encoding);
            }
        }
        return (plain, null);
    }

    private static bool Accepts(string acceptEncoding, string encoding)
    {
        if (!StringWithQualityHeaderValue.TryParseList(acceptEncoding.Split(','), out var values))
        {
            return false;
        }

        return values.Any(v => (v.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) || v.Value == "*") && (v.Quality ?? 1) > 0)
            && !values.Any(v => v.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) && v.Quality == 0);
    }

    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".wasm"] = "application/wasm";
        provider.Mappings[".dat"] = "application/octet-stream";
        provider.Mappings[".blat"] = "application/octet-stream";
        provider.Mappings[".webmanifest"] = "application/manifest+json";
        provider.Mappings[".json"] = "application/json";
        provider.Mappings[".map"] = "application/json";
        return provider;
    }

    /// <summary>Blazor's content-hashed names, e.g. <c>Elsa.Api.Client.mbze71icf3.wasm</c>.</summary>
    [GeneratedRegex(@"^_framework/.+\.[a-z0-9]{10}\.(wasm|js|dat)$")]
    private static partial Regex Fingerprinted();
}
