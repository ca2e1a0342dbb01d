using EscalationStudio.Persistence;
using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Org;

namespace EscalationStudio.Server.Hosting;

internal static partial class StartupPreparation
{
    /// <summary>
    /// What must be true before the first request: the data folder exists, the database schema is current, the org
    /// directory is loaded and, on a fresh install without configured keys, the admin key exists and is announced.
    /// </summary>
    public static async Task PrepareEscalationAsync(this WebApplication app)
    {
        var paths = app.Services.GetRequiredService<EscalationPaths>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EscalationStudio.Startup");
        Directory.CreateDirectory(paths.DataPath);
        LogPaths(logger, paths.DataPath, paths.WorkflowsPath, paths.TemplatesPath);

        await app.Services.MigrateEscalationDatabaseAsync(app.Lifetime.ApplicationStopping);
        var org = app.Services.GetRequiredService<OrgDirectoryLoader>();
        org.Load();
        WarnAboutKeysForUnknownAgents(app.Services, org, logger);

        if (app.Services.GetRequiredService<ApiKeyRing>().UsesGeneratedKey)
        {
            _ = app.Services.GetRequiredService<FirstRunAdminKey>().Entry;
        }
    }

    // A key whose agent is not in the directory still works, but that agent has no authority (cannot solve VIP
    // tickets or approve anything): usually a typo worth seeing at start rather than as puzzling 403s later.
    private static void WarnAboutKeysForUnknownAgents(IServiceProvider services, OrgDirectoryLoader org, ILogger logger)
    {
        if (org.Current.Tiers.Count == 0)
        {
            return;
        }

        var keys = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value.ApiKeys;
        foreach (var agentId in keys.Select(k => k.AgentId).OfType<string>().Where(id => org.Current.FindAgent(id) is null).Distinct())
        {
            LogUnknownAgent(logger, agentId, org.FilePath);
        }
    }

    [LoggerMessage(LogLevel.Warning, "An API key acts as agent '{AgentId}', who is not in the org directory {File}; that key has no authority")]
    private static partial void LogUnknownAgent(ILogger logger, string agentId, string file);

    [LoggerMessage(LogLevel.Information, "Data in {DataPath}; policies and org directory in {WorkflowsPath}; templates in {TemplatesPath}")]
    private static partial void LogPaths(ILogger logger, string dataPath, string workflowsPath, string templatesPath);
}
