using EscalationStudio.Persistence;

namespace EscalationStudio.Server.Hosting;

/// <summary>The <c>Escalation</c> configuration section. Relative paths are taken from the current directory.</summary>
internal sealed class EscalationOptions
{
    public const string Section = "Escalation";
    public const string ConnectionStringName = "Escalation";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Where the SQLite file and the generated admin key live. Default: <c>data/</c> in the repository.</summary>
    public string? DataPath { get; set; }

    /// <summary>Published policies and the org directory. Default: the repository's <c>workflows/</c>.</summary>
    public string? WorkflowsPath { get; set; }

    /// <summary>Briefing and customer-note templates. Default: the repository's <c>templates/</c>.</summary>
    public string? TemplatesPath { get; set; }

    /// <summary>The org directory file, relative to the workflows folder.</summary>
    public string OrgDirectoryFile { get; set; } = "org/directory.json";
}
