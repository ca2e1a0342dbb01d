using System.Reflection;
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
