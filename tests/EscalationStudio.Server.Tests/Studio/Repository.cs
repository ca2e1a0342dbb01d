namespace EscalationStudio.Server.Tests.Studio;

/// <summary>Paths in the checkout the tests run from.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>The designer package the Server build installs with npm ci.</summary>
    public static string DesignerPackage => Path.Combine(Root, "src", "EscalationStudio.Server", "Studio", "node_modules", "@elsa-workflows", "elsa-studio-wasm");

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Studio.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("The tests run outside the repository: Studio.sln not found above " + AppContext.BaseDirectory);
    }
}
