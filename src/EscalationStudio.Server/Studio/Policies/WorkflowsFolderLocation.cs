namespace EscalationStudio.Server.Studio.Policies;

/// <summary>
/// Where <c>workflows/</c> is: <c>Escalation:WorkflowsPath</c> when set (relative to the content root), otherwise the
/// repository's own folder when the server runs from a checkout, otherwise <c>workflows</c> beside the content root.
/// </summary>
internal static class WorkflowsFolderLocation
{
    public const string ConfigurationKey = "Escalation:WorkflowsPath";

    public static string Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration[ConfigurationKey] is { Length: > 0 } configured)
            return Path.GetFullPath(configured, environment.ContentRootPath);

        for (var directory = new DirectoryInfo(environment.ContentRootPath); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Studio.sln")))
                return Path.Combine(directory.FullName, "workflows");
        }
        return Path.Combine(environment.ContentRootPath, "workflows");
    }
}
