using System.CommandLine;
using EscalationStudio.Cli.Diffs;
using EscalationStudio.Cli.Workspace;
using EscalationStudio.Policies;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Files;
using EscalationStudio.Workflows.Runtime;
using Spectre.Console;

namespace EscalationStudio.Cli.Commands;

/// <summary>
/// <c>escalation diff &lt;old&gt; &lt;new&gt;</c> (two files or folders) and <c>escalation diff &lt;revision&gt; [-- paths]</c>
/// (the revision against the working tree, LibGit2Sharp): what changed in the policies, in the designer's words.
/// Exit 0 whether or not anything changed; 2 for a file or revision that cannot be read.
/// </summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var sources = new Argument<string[]>("sources")
        {
            Description = "Two policy files or folders (old, new), or a git revision followed by -- and the paths to compare with the working tree.",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Print the differences as JSON." };
        var command = new Command("diff", "Show what changed between two versions of policies, activity by activity.") { sources, json };
        command.SetAction((result, _) => Task.FromResult(Run(result.GetValue(sources)!, result.GetValue(json))));
        return command;
    }

    private static int Run(string[] sources, bool json)
    {
        IReadOnlyList<(string, WorkflowDefinition)> before, after;
        if (File.Exists(sources[0]) || Directory.Exists(sources[0]))
        {
            if (sources.Length != 2)
            {
                return Terminal.Fail("diff", "give two files or folders to compare (old, then new), or a git revision");
            }

            (before, after) = (Read(sources[0]), Read(sources[1]));
        }
        else
        {
            var root = PolicySource.GitRoot();
            var paths = sources.Length > 1
                ? sources[1..].Select(p => Path.GetRelativePath(root, Path.GetFullPath(p)).Replace('\\', '/')).ToArray()
                : [Path.GetRelativePath(root, PolicyFolders.Workflows).Replace('\\', '/')];
            var (_, files) = PolicySource.GitFiles(sources[0], paths);
            before = [.. files.Where(f => WorkflowFolder.IsPolicyFile(RelativeToWorkflows(f.Path))).Select(f => Parse(f.Path, f.Text)).OfType<(string, WorkflowDefinition)>()];
            after = [.. paths.SelectMany(p => Read(Path.Combine(root, p), root))];
        }

        var engine = new WorkflowEngineBuilder().AddEscalationActivities().Build(new SingleServiceProvider(typeof(object), new object()));
        var differences = new PolicyDiff(engine.Registry).Compare(before, after);
        if (json)
        {
            Terminal.WriteJson(new { policies = differences });
        }
        else
        {
            Write(differences);
        }

        return ExitCodes.Ok;
    }

    private static IReadOnlyList<(string, WorkflowDefinition)> Read(string path, string? relativeTo = null)
    {
        relativeTo ??= Environment.CurrentDirectory;
        if (File.Exists(path))
        {
            return Parse(Path.GetRelativePath(relativeTo, path).Replace('\\', '/'), File.ReadAllText(path)) is { } one ? [one] : throw new UsageException($"{path} is not a policy file");
        }

        if (!Directory.Exists(path))
        {
            return []; // a path that the working tree no longer has: its policies were removed
        }

        var folder = new WorkflowFolder(path);
        return [.. folder.ListPolicyFiles()
            .Select(file => (File: file, Read: folder.Read(file)))
            .Where(f => f.Read.Definition is not null)
            .Select(f => (Path.GetRelativePath(relativeTo, Path.Combine(path, f.File)).Replace('\\', '/'), f.Read.Definition!))];
    }

    private static (string, WorkflowDefinition)? Parse(string file, string text)
    {
        try
        {
            return (file, WorkflowDefinitionJson.Parse(text));
        }
        catch (WorkflowDefinitionFormatException)
        {
            return null;
        }
    }

    /// <summary>The org directory lives in workflows/org/ and is no policy, whatever folder the paths start from.</summary>
    private static string RelativeToWorkflows(string repositoryPath) =>
        repositoryPath.StartsWith("workflows/", StringComparison.Ordinal) ? repositoryPath["workflows/".Length..] : repositoryPath;

    private static void Write(IReadOnlyList<PolicyDifference> differences)
    {
        if (differences.Count == 0)
        {
            Terminal.Out.MarkupLine("no policy changed");
            return;
        }

        foreach (var policy in differences)
        {
            var (sign, colour) = Mark(policy.Kind);
            Terminal.Out.MarkupLine($"[bold {colour}]{sign} {Markup.Escape(policy.Policy)}[/] ({Markup.Escape(policy.NewFile ?? policy.OldFile ?? "")})");
            foreach (var change in policy.Changes)
            {
                var (changeSign, changeColour) = Mark(change.Kind);
                var subject = change.Subject == "connection" ? "connection " : string.Empty;
                Terminal.Out.MarkupLine($"  [{changeColour}]{changeSign} {subject}{Markup.Escape(change.Text)}[/]");
            }
        }
    }

    private static (string Sign, string Colour) Mark(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => ("+", "green"),
        ChangeKind.Removed => ("-", "red"),
        _ => ("~", "yellow"),
    };
}
