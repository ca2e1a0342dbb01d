using EscalationStudio.Policies.Review;
using EscalationStudio.Workflows.Definitions.Files;
using LibGit2Sharp;

namespace EscalationStudio.Cli.Workspace;

/// <summary>
/// Policies from a folder, or from a git revision: the revision's <c>workflows/</c> is written to a temporary folder
/// and read exactly as a folder is (the server's own reader), so a revision's files pass the same checks.
/// </summary>
internal sealed class PolicySource : IDisposable
{
    private readonly string? _temporary;

    private PolicySource(string folder, string label, string? temporary)
    {
        Folder = folder;
        Label = label;
        _temporary = temporary;
    }

    /// <summary>The folder read (a temporary copy for a revision).</summary>
    public string Folder { get; }

    /// <summary>The folder or revision, as the user named it.</summary>
    public string Label { get; }

    /// <summary>A folder when one exists by that name, otherwise a git revision of the repository around the working folder.</summary>
    /// <exception cref="Commands.UsageException">Neither a folder nor a revision.</exception>
    public static PolicySource Open(string folderOrRevision)
    {
        if (Directory.Exists(folderOrRevision))
        {
            return new PolicySource(Path.GetFullPath(folderOrRevision), folderOrRevision, null);
        }

        var (root, files) = GitFiles(folderOrRevision, [Path.GetRelativePath(GitRoot(), PolicyFolders.Workflows).Replace('\\', '/')]);
        var temporary = Directory.CreateTempSubdirectory("escalation-revision-").FullName;
        foreach (var (path, text) in files)
        {
            var target = Path.Combine(temporary, path[(root.Length + 1)..]);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, text);
        }

        return new PolicySource(temporary, folderOrRevision, temporary);
    }

    /// <summary>Every policy file that reads, and the problems of those that do not.</summary>
    public (IReadOnlyList<PolicyFile> Policies, IReadOnlyList<WorkflowFileProblem> Problems) Read()
    {
        var folder = new WorkflowFolder(Folder);
        var policies = new List<PolicyFile>();
        var problems = new List<WorkflowFileProblem>();
        foreach (var file in folder.ListPolicyFiles())
        {
            var read = folder.Read(file);
            if (read.Definition is { } definition)
            {
                policies.Add(new PolicyFile(file, definition));
            }
            else
            {
                problems.Add(read.Problem!);
            }
        }

        return (policies, problems);
    }

    /// <summary>The org directory of this source (its <c>org/directory.json</c>), when it has one.</summary>
    public string? OrgFile => File.Exists(Path.Combine(Folder, "org", "directory.json")) ? Path.Combine(Folder, "org", "directory.json") : null;

    /// <summary>The text of files at a revision under the given repository paths ('/'-separated, relative to the repository root).</summary>
    /// <exception cref="Commands.UsageException">No repository, or no such revision.</exception>
    public static (string Root, IReadOnlyList<(string Path, string Text)> Files) GitFiles(string revision, IReadOnlyList<string> paths)
    {
        using var repository = new Repository(GitRoot());
        var commit = repository.Lookup<Commit>(revision) ?? throw new Commands.UsageException($"'{revision}' is neither a folder nor a git revision of {GitRoot()}");
        var files = new List<(string, string)>();
        foreach (var path in paths)
        {
            var trimmed = path.Trim('/');
            switch (trimmed.Length == 0 ? commit.Tree : commit[trimmed]?.Target)
            {
                case Tree tree:
                    Collect(tree, trimmed, files);
                    break;
                case Blob blob:
                    files.Add((trimmed, blob.GetContentText()));
                    break;
                default:
                    break; // absent at that revision: an added file
            }
        }

        return (paths.Count == 1 ? paths[0].Trim('/') : string.Empty, files);
    }

    public static string GitRoot()
    {
        var found = Repository.Discover(Environment.CurrentDirectory) ?? throw new Commands.UsageException($"{Environment.CurrentDirectory} is not inside a git repository");
        using var repository = new Repository(found);
        return Path.GetFullPath(repository.Info.WorkingDirectory ?? throw new Commands.UsageException("the git repository has no working folder"));
    }

    private static void Collect(Tree tree, string prefix, List<(string, string)> files)
    {
        foreach (var entry in tree)
        {
            var path = prefix.Length == 0 ? entry.Name : $"{prefix}/{entry.Name}";
            if (entry.Target is Tree subtree)
            {
                Collect(subtree, path, files);
            }
            else if (entry.Target is Blob blob && !blob.IsBinary)
            {
                files.Add((path, blob.GetContentText()));
            }
        }
    }

    public void Dispose()
    {
        if (_temporary is not null)
        {
            try
            {
                Directory.Delete(_temporary, recursive: true);
            }
            catch (IOException)
            {
                // Left to the OS temp cleaner.
            }
        }
    }
}
