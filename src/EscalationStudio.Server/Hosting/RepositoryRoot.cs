namespace EscalationStudio.Server.Hosting;

/// <summary>
/// Finds the repository (the folder holding Studio.sln) so that <c>dotnet run --project src/EscalationStudio.Server</c>
/// uses the repository's workflows/, templates/ and data/ from wherever the command is run.
/// </summary>
internal static class RepositoryRoot
{
    public const string Marker = "Studio.sln";

    public static string? Find(params string[] startFolders)
    {
        foreach (var start in startFolders)
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, Marker)))
                {
                    return folder.FullName;
                }
            }
        }

        return null;
    }
}
