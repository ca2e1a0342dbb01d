using EscalationStudio.Domain.Org;
using EscalationStudio.Policies.Calendars;
using EscalationStudio.Policies.Templates;

namespace EscalationStudio.Cli.Workspace;

/// <summary>
/// Where the repository keeps what the CLI reads when not told otherwise: <c>workflows/</c> (policies),
/// <c>workflows/org/directory.json</c> (the org directory) and <c>templates/</c>, found from the working folder upwards.
/// </summary>
internal static class PolicyFolders
{
    public static string Root()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, "workflows")))
            {
                return folder.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }

    public static string Workflows => Path.Combine(Root(), "workflows");

    public static string Templates(string? given) => given ?? Path.Combine(Root(), "templates");

    public static string Org(string? given) => given ?? Path.Combine(Workflows, "org", "directory.json");

    /// <exception cref="UsageException">The file is missing or broken; the message lists every problem.</exception>
    public static OrgDirectory ReadOrg(string path)
    {
        if (!File.Exists(path))
        {
            throw new Commands.UsageException($"org directory {path} does not exist (give one with --org)");
        }

        try
        {
            return OrgDirectoryFile.Read(path, new IcsHolidayFeedReader(TimeProvider.System));
        }
        catch (OrgDirectoryFormatException e)
        {
            throw new Commands.UsageException($"org directory {path}: {string.Join("; ", e.Errors)}");
        }
    }

    public static TemplateLibrary ReadTemplates(string path) =>
        Directory.Exists(path) ? new TemplateLibrary(path) : throw new Commands.UsageException($"templates folder {path} does not exist (give one with --templates)");
}
