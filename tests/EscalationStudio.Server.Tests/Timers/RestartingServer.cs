using EscalationStudio.Server.Tests.Policies;

namespace EscalationStudio.Server.Tests.Timers;

/// <summary>
/// A test server on a data and workflows folder that outlives it, so the next server started on the same folder is
/// the same installation after a restart. The folder holds the sample org directory and open-too-long.json.
/// </summary>
internal sealed class RestartingServer : SamplePolicyServer
{
    public RestartingServer(string installation, DateTimeOffset startsAt)
        : base("open-too-long.json")
    {
        Settings["Escalation:DataPath"] = Path.Combine(installation, "data");
        Settings["Escalation:WorkflowsPath"] = Path.Combine(installation, "workflows");
        Clock.SetUtcNow(startsAt);
    }

    /// <summary>A folder laid out like the server's own: workflows/org (the sample directory) and the policy.</summary>
    public static string NewInstallation()
    {
        var root = Path.Combine(Path.GetTempPath(), "escalation-timer-restart-tests", Guid.NewGuid().ToString("N"));
        var repositoryWorkflows = Path.Combine(Org.RepositoryFolder.Path, "workflows");
        foreach (var file in Directory.GetFiles(Path.Combine(repositoryWorkflows, "org"), "*", SearchOption.AllDirectories)
                     .Append(Path.Combine(repositoryWorkflows, "escalation", "open-too-long.json")))
        {
            var copy = Path.Combine(root, "workflows", Path.GetRelativePath(repositoryWorkflows, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return root;
    }

    public string TimerFile => Path.Combine(Settings["Escalation:DataPath"]!, "escalation" + EscalationStudio.Server.Runtime.TimerStore.SqliteFileSuffix);
}
