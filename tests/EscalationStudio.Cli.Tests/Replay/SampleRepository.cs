using EscalationStudio.Cli.Histories;
using EscalationStudio.Cli.Tests.Commands;
using EscalationStudio.Cli.Workspace;
using EscalationStudio.Domain.Org;
using EscalationStudio.Policies.Templates;
using EscalationStudio.Workflows.Definitions;

namespace EscalationStudio.Cli.Tests.Replay;

/// <summary>What this repository ships for the examples: its org directory, templates, published policies and history.</summary>
internal static class SampleRepository
{
    private static readonly string Workflows = Path.Combine(EscalationCli.Repository(), "workflows");

    public static OrgDirectory Org() => PolicyFolders.ReadOrg(Path.Combine(Workflows, "org", "directory.json"));

    public static TemplateLibrary Templates() => PolicyFolders.ReadTemplates(Path.Combine(EscalationCli.Repository(), "templates"));

    /// <summary>The published versions of the sample policies, every file read without a problem.</summary>
    public static List<WorkflowDefinition> PublishedPolicies()
    {
        using var source = PolicySource.Open(Path.Combine(Workflows, "escalation"));
        var (policies, problems) = source.Read();
        Assert.Empty(problems);
        return [.. policies.Where(p => p.Definition.IsPublished).Select(p => p.Definition)];
    }

    /// <summary>The shipped quarter, <c>workflows/samples/history-2026-q3.jsonl.gz</c>.</summary>
    public static HistoryFile History() => HistoryFile.Open(Path.Combine(Workflows, "samples", "history-2026-q3.jsonl.gz"), format: null, mapping: null);
}
