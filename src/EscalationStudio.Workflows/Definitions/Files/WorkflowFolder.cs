using System.Text.Json;
using System.Text.Json.Nodes;

namespace EscalationStudio.Workflows.Definitions.Files;

/// <summary>
/// The <c>workflows/</c> folder: the git-tracked source of published policies. Every <c>*.json</c> below it is a
/// policy, except the org directory in <c>workflows/org/</c>.
/// </summary>
public sealed class WorkflowFolder(string path)
{
    public const string OrgDirectoryFolder = "org";

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Policy files, relative to <see cref="Path"/> with '/' separators, in a stable order.</summary>
    public IReadOnlyList<string> ListPolicyFiles()
    {
        if (!Directory.Exists(Path))
        {
            return [];
        }

        return Directory.EnumerateFiles(Path, "*.json", SearchOption.AllDirectories)
            .Select(file => System.IO.Path.GetRelativePath(Path, file).Replace('\\', '/'))
            .Where(IsPolicyFile)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static bool IsPolicyFile(string relativePath) =>
        relativePath.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        && !relativePath.StartsWith(OrgDirectoryFolder + "/", StringComparison.OrdinalIgnoreCase)
        && !relativePath.Split('/').Any(segment => segment.StartsWith('.'));

    /// <summary>Reads one policy file; a file that is not a definition comes back as a problem, never as an exception.</summary>
    public WorkflowFileRead Read(string relativePath)
    {
        string json;
        try
        {
            json = File.ReadAllText(Full(relativePath));
        }
        catch (IOException e)
        {
            return new WorkflowFileRead(relativePath, null, new WorkflowFileProblem(relativePath, null, $"cannot be read ({e.Message})"));
        }
        catch (UnauthorizedAccessException e)
        {
            return new WorkflowFileRead(relativePath, null, new WorkflowFileProblem(relativePath, null, $"cannot be read ({e.Message})"));
        }

        try
        {
            // A file's strings are read lazily: text no store can take (a NUL, a lone "\ud800") is found before any is read.
            if (JsonText.FindUnstorable(ParseNode(json), "") is { } unstorable)
            {
                return new WorkflowFileRead(relativePath, null, new WorkflowFileProblem(relativePath, null, $"{(unstorable.Path.Length > 0 ? unstorable.Path + ": " : "")}{unstorable.Problem}"));
            }

            var definition = WorkflowDefinitionJson.Parse(json);
            if (string.IsNullOrWhiteSpace(definition.DefinitionId))
            {
                return new WorkflowFileRead(relativePath, null, new WorkflowFileProblem(relativePath, null, "definitionId is missing"), json);
            }

            if (string.IsNullOrWhiteSpace(definition.Id))
            {
                definition.Id = $"{definition.DefinitionId}-v{definition.Version}";
            }

            return new WorkflowFileRead(relativePath, definition, null, json);
        }
        catch (WorkflowDefinitionFormatException e)
        {
            return new WorkflowFileRead(relativePath, null, new WorkflowFileProblem(relativePath, null, e.Message), json);
        }
    }

    /// <summary>The file's text as it is now; null when it is gone or cannot be read.</summary>
    public string? ReadText(string relativePath)
    {
        try
        {
            return File.ReadAllText(Full(relativePath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>What <see cref="Write"/> puts in a file for this definition.</summary>
    public static string TextOf(WorkflowDefinition definition) => WorkflowDefinitionJson.Write(definition);

    /// <summary>
    /// Writes the definition with the stable writer, atomically (a reader never sees half a file). An existing file name
    /// is kept, so renaming a policy in Studio does not move its file in git.
    /// </summary>
    public string Write(WorkflowDefinition definition, string? existingRelativePath)
    {
        var relativePath = existingRelativePath ?? FreeName(definition);
        WriteAtomically(Full(relativePath), TextOf(definition));
        return relativePath;
    }

    /// <summary>Puts a file back as it was before a write: its earlier text, or no file at all.</summary>
    public void Restore(string relativePath, string? text)
    {
        if (text is null)
        {
            Delete(relativePath);
        }
        else
        {
            WriteAtomically(Full(relativePath), text);
        }
    }

    private static JsonNode? ParseNode(string json)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException)
        {
            return null; // Parse below names the JSON error
        }
    }

    public void Delete(string relativePath)
    {
        var full = Full(relativePath);
        if (File.Exists(full))
        {
            File.Delete(full);
        }
    }

    // The temporary file is a dot file (never read as a policy) in the same folder, so the move is an atomic rename.
    private static void WriteAtomically(string full, string text)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var temporary = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, $".{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The sub-folder that holds policies in the repository's layout (<c>workflows/escalation/</c>).</summary>
    public const string PoliciesFolder = "escalation";

    private string FreeName(WorkflowDefinition definition)
    {
        // Policies made in the designer go beside the shipped ones when the folder keeps them in escalation/.
        var name = (Directory.Exists(System.IO.Path.Combine(Path, PoliciesFolder)) ? PoliciesFolder + "/" : string.Empty) + PolicyFileName.For(definition);
        var stem = name[..^".json".Length];
        // Another policy's file may have the same kebab-case name: the first free number makes this one unique.
        for (var n = 2; File.Exists(Full(name)); n++)
        {
            name = $"{stem}-{n}.json";
        }

        return name;
    }

    private string Full(string relativePath)
    {
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relativePath));
        return full.StartsWith(Path + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new ArgumentException($"{relativePath} is outside {Path}", nameof(relativePath));
    }
}

/// <param name="Text">The file's text, when it could be read.</param>
public sealed record WorkflowFileRead(string File, WorkflowDefinition? Definition, WorkflowFileProblem? Problem, string? Text = null);
