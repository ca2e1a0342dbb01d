using EscalationStudio.Domain.Org;
using EscalationStudio.Server.Hosting;

namespace EscalationStudio.Server.Org;

/// <summary>
/// Keeps the org directory from <c>workflows/org/directory.json</c>. A broken file is reported (log, /health, reload
/// answer) and the last good directory stays in force, so a bad edit never stops ticket handling.
/// </summary>
internal sealed partial class OrgDirectoryLoader(EscalationPaths paths, IHolidayFeedReader holidayFeeds, ILogger<OrgDirectoryLoader> logger) : IOrgDirectorySource
{
    private volatile OrgDirectory _current = OrgDirectory.Empty;

    public OrgDirectory Current => _current;

    public string FilePath => paths.OrgDirectoryFile;

    /// <summary>The problems of the last load, or empty when it succeeded.</summary>
    public IReadOnlyList<string> LastErrors { get; private set; } = [];

    public IReadOnlyList<string> Load()
    {
        try
        {
            var directory = OrgDirectoryFile.Read(paths.OrgDirectoryFile, holidayFeeds);
            _current = directory;
            LastErrors = [];
            LogLoaded(directory.Name, directory.Tiers.Count, directory.Agents.Count, paths.OrgDirectoryFile);
        }
        catch (OrgDirectoryFormatException e)
        {
            LastErrors = [.. e.Errors.Select(error => $"{paths.OrgDirectoryFile}: {error}")];
            LogInvalid(paths.OrgDirectoryFile, string.Join("; ", e.Errors));
        }
        catch (IOException e)
        {
            LastErrors = [$"{paths.OrgDirectoryFile}: {e.Message}"];
            LogUnreadable(paths.OrgDirectoryFile, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            LastErrors = [$"{paths.OrgDirectoryFile}: {e.Message}"];
            LogUnreadable(paths.OrgDirectoryFile, e.Message);
        }

        return LastErrors;
    }

    [LoggerMessage(LogLevel.Information, "Org directory '{Name}' loaded: {Tiers} tiers, {Agents} agents, from {File}")]
    private partial void LogLoaded(string name, int tiers, int agents, string file);

    [LoggerMessage(LogLevel.Error, "Org directory {File} is invalid; keeping the previous directory. Problems: {Problems}")]
    private partial void LogInvalid(string file, string problems);

    [LoggerMessage(LogLevel.Error, "Org directory {File} cannot be read ({Reason}); keeping the previous directory")]
    private partial void LogUnreadable(string file, string reason);
}
