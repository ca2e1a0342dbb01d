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
        if (!Directory.Exists(Path)) return [];
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
            var definition = WorkflowDefinitionJson.Parse(json);
            if (string.IsNullOrWhiteSpace(definition.DefinitionId))
                return new WorkflowFileRead(relativePath, null, new WorkflowFileProblem(relativePath, null, "definitionId is missing"), json);
            if (string.IsNullOrWhiteSpace(definition.Id))
                definition.Id = $"{definition.DefinitionId}-v{definition.Version}";
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
        var full = Full(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var temporary = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, TextOf(definition));
        File.Move(temporary, full, overwrite: true);
        return relativePath;
    }

    public void Delete(string relativePath)
    {
        var full = Full(relativePath);
        if (File.Exists(full)) File.Delete(full);
    }

    private string FreeName(WorkflowDefinition definition)
    {
        var name = PolicyFileName.For(definition);
        var stem = name[..^".json".Length];
        for (var n = 2; File.Exists(Full(name)); n++)
            name = $"{stem}-{n}.json";
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
