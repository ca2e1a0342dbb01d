namespace EscalationStudio.Server.Hosting;

/// <summary>The folders the server works with, resolved to absolute paths once at start.</summary>
public sealed record EscalationPaths(string? RepositoryRoot, string DataPath, string WorkflowsPath, string TemplatesPath, string OrgDirectoryFile)
{
    internal static EscalationPaths Resolve(EscalationOptions options, string currentDirectory, string baseDirectory)
    {
        var root = Hosting.RepositoryRoot.Find(currentDirectory, baseDirectory);
        var fallback = root ?? currentDirectory;
        var workflows = Absolute(options.WorkflowsPath, Path.Combine(fallback, "workflows"), currentDirectory);
        return new EscalationPaths(
            root,
            Absolute(options.DataPath, Path.Combine(fallback, "data"), currentDirectory),
            workflows,
            Absolute(options.TemplatesPath, Path.Combine(fallback, "templates"), currentDirectory),
            Path.GetFullPath(Path.Combine(workflows, options.OrgDirectoryFile)));
    }

    private static string Absolute(string? configured, string fallback, string currentDirectory) =>
        string.IsNullOrWhiteSpace(configured) ? Path.GetFullPath(fallback) : Path.GetFullPath(Path.Combine(currentDirectory, configured));
}
