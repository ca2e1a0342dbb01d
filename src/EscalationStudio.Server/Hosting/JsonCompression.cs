using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace EscalationStudio.Server.Hosting;

/// <summary>
/// API answers (JSON) are compressed, Brotli or gzip as the client accepts: the designer reads about 55 KB of activity
/// descriptors as it opens. Only JSON: the designer's files come precompressed (DesignerFileEndpoint), and HTML pages
/// carry antiforgery tokens next to text a visitor controls, which compression would expose to BREACH.
/// </summary>
internal static class JsonCompression
{
    public static IServiceCollection AddJsonCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = ["application/json", "application/problem+json"];
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        // Fastest: a few times smaller already, for little CPU per request.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        return services;
    }
}
