using System.CommandLine;
using EscalationStudio.Cli.Workspace;
using EscalationStudio.Domain.Org;
using EscalationStudio.Policies;
using EscalationStudio.Policies.Review;
using EscalationStudio.Policies.Templates;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;
using EscalationStudio.Workflows.Runtime;
using Spectre.Console;

namespace EscalationStudio.Cli.Commands;

/// <summary>
/// <c>escalation validate [paths]</c>: the server's publish checks on every policy file, the org directory and the
/// templates, plus the reviewer's checks (<see cref="PolicyReview"/>). Exit 1 when any error is found; warnings alone pass.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Policy folders or files (default: the repository's workflows/).", Arity = ArgumentArity.ZeroOrMore };
        var org = new Option<string?>("--org") { Description = "The org directory file (default: workflows/org/directory.json)." };
        var templates = new Option<string?>("--templates") { Description = "The templates folder (default: templates/)." };
        var json = new Option<bool>("--json") { Description = "Print the findings as one JSON object." };
        var command = new Command("validate", "Check policies, the org directory and templates as the server does before publishing, and more.") { paths, org, templates, json };
        command.SetAction((result, _) => Task.FromResult(Run(result.GetValue(paths) ?? [], result.GetValue(org), result.GetValue(templates), result.GetValue(json))));
        return command;
    }

    private static int Run(string[] paths, string? orgPath, string? templatesPath, bool json)
    {
        var findings = new List<PolicyFinding>();
        var orgFile = PolicyFolders.Org(orgPath);
        var directory = OrgDirectory.Empty;
        if (!File.Exists(orgFile))
        {
            return Terminal.Fail("validate", $"org directory {orgFile} does not exist (give one with --org)");
        }

        try
        {
            directory = OrgDirectoryFile.Read(orgFile, new Policies.Calendars.IcsHolidayFeedReader(TimeProvider.System));
        }
        catch (OrgDirectoryFormatException e)
        {
            findings.AddRange(e.Errors.Select(error => new PolicyFinding(FindingSeverity.Error, Relative(orgFile), null, error)));
        }

        var templateFolder = PolicyFolders.Templates(templatesPath);
        if (!Directory.Exists(templateFolder))
        {
            return Terminal.Fail("validate", $"templates folder {templateFolder} does not exist (give one with --templates)");
        }

        var library = new TemplateLibrary(templateFolder);
        foreach (var template in library.List())
        {
            findings.AddRange(library.Problems(template.Name).Select(p => new PolicyFinding(FindingSeverity.Error, Relative(Path.Combine(templateFolder, template.File)), null, p)));
        }

        var policies = new List<PolicyFile>();
        foreach (var path in paths.Length == 0 ? [PolicyFolders.Workflows] : paths)
        {
            if (Directory.Exists(path))
            {
                using var source = PolicySource.Open(path);
                var (read, problems) = source.Read();
                policies.AddRange(read.Select(p => p with { File = Relative(Path.Combine(source.Folder, p.File)) }));
                findings.AddRange(problems.Select(p => new PolicyFinding(FindingSeverity.Error, Relative(Path.Combine(source.Folder, p.File)), p.Activity, p.Reason)));
            }
            else if (File.Exists(path))
            {
                try
                {
                    policies.Add(new PolicyFile(Relative(path), WorkflowDefinitionJson.Parse(File.ReadAllText(path))));
                }
                catch (WorkflowDefinitionFormatException e)
                {
                    findings.Add(new PolicyFinding(FindingSeverity.Error, Relative(path), null, e.Message));
                }
            }
            else
            {
                return Terminal.Fail("validate", $"{path} does not exist");
            }
        }

        var engine = new WorkflowEngineBuilder().AddEscalationActivities().Build(new SingleServiceProvider(typeof(IOrgDirectorySource), new FixedOrg(directory)));
        var checks = PublishChecks.Of(engine, directory, library);
        foreach (var policy in policies)
        {
            var errors = new List<string>();
            try
            {
                DefinitionLimits.Check(policy.Definition);
            }
            catch (WorkflowDefinitionFormatException e)
            {
                errors.Add(e.Message);
            }

            errors.AddRange(DefinitionEditor.Validate(checks, policy.Definition));
            findings.AddRange(errors.Select(error => Finding(policy.File, error)));
        }

        findings.AddRange(PolicyReview.Review(policies, directory, engine.Registry));
        var failed = findings.Any(f => f.Severity == FindingSeverity.Error);
        if (json)
        {
            Terminal.WriteJson(new { ok = !failed, policies = policies.Count, findings });
        }
        else
        {
            Write(findings, policies.Count);
        }

        return failed ? ExitCodes.CheckFailed : ExitCodes.Ok;
    }

    /// <summary>The validators start a message about one activity with "activity &lt;name&gt;:".</summary>
    private static PolicyFinding Finding(string file, string error) =>
        error.StartsWith("activity ", StringComparison.Ordinal) && error.IndexOf(':', StringComparison.Ordinal) is > 9 and var colon
            ? new PolicyFinding(FindingSeverity.Error, file, error[9..colon], error[(colon + 1)..].Trim())
            : new PolicyFinding(FindingSeverity.Error, file, null, error);

    private static void Write(IReadOnlyList<PolicyFinding> findings, int policies)
    {
        if (findings.Count > 0)
        {
            var table = new Table().AddColumns("", "File", "Activity", "Reason");
            foreach (var f in findings.OrderBy(f => f.Severity).ThenBy(f => f.File, StringComparer.Ordinal))
            {
                table.AddRow(
                    f.Severity == FindingSeverity.Error ? "[red]error[/]" : "[yellow]warning[/]",
                    Markup.Escape(f.File), Markup.Escape(f.Activity ?? "—"), Markup.Escape(f.Reason));
            }

            Terminal.Out.Write(table);
        }

        var errors = findings.Count(f => f.Severity == FindingSeverity.Error);
        Terminal.Out.MarkupLine(errors == 0
            ? $"[green]ok[/]: {Count(policies, "policy", "policies")}, {Count(findings.Count, "warning")}"
            : $"[red]failed[/]: {Count(policies, "policy", "policies")}, {Count(errors, "error")}, {Count(findings.Count - errors, "warning")}");
    }

    private static string Count(int count, string one, string? many = null) => $"{count} {(count == 1 ? one : many ?? one + "s")}";

    private static string Relative(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path).Replace('\\', '/');

    private sealed class FixedOrg(OrgDirectory directory) : IOrgDirectorySource
    {
        public OrgDirectory Current => directory;
    }
}
