using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;

namespace EscalationStudio.Server.Studio.Assets;

/// <summary>
/// Where the files of the npm package @elsa-workflows/elsa-studio-wasm are: next to the binaries when published,
/// otherwise in the Server project's node_modules (the build records that path), or wherever configuration says.
/// </summary>
internal sealed class DesignerAssets
{
    public const string ConfigurationKey = "Escalation:StudioDesignerPath";

    private DesignerAssets(string? root) => Root = root;

    /// <summary>The package folder, or null when the designer is not installed (the pages then say so).</summary>
    public string? Root { get; }

    public IFileProvider? Files => Root is null ? null : new PhysicalFileProvider(Root);

    private readonly ConcurrentDictionary<string, string?> _versions = new(StringComparer.Ordinal);

    /// <summary>
    /// The URL the page links a package file by, <c>path?v=</c> its content hash: the browser may keep it for a year
    /// (<see cref="DesignerFileEndpoint"/>), and another package version is another URL. The path as is when the file
    /// is missing. Hashed once per file and process (the package does not change while the server runs).
    /// </summary>
    public string VersionedUrl(string path) => Version(path) is { } version ? $"{path}?v={version}" : path;

    /// <summary>The first 16 hex digits of the SHA-256 of the file's content, or null when it does not exist.</summary>
    public string? Version(string path) => _versions.GetOrAdd(path, static (path, root) =>
    {
        var file = root is null ? null : Path.Combine(root, path);
        if (file is null || path.Contains("..", StringComparison.Ordinal) || !File.Exists(file))
        {
            return null;
        }

        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
    }, Root);

    public static DesignerAssets Locate(IConfiguration configuration)
    {
        var candidates = new[]
        {
            configuration[ConfigurationKey],
            Path.Combine(AppContext.BaseDirectory, "studio-designer"),
            typeof(DesignerAssets).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "StudioDesignerAssets")?.Value,
        };
        var root = candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(Path.Combine(c, "_framework", "blazor.webassembly.js")));
        return new DesignerAssets(root is null ? null : Path.GetFullPath(root));
    }
}
