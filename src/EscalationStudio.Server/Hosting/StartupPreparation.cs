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
        app.Services.GetRequiredService<OrgDirectoryLoader>().Load();

        if (app.Services.GetRequiredService<ApiKeyRing>().UsesGeneratedKey)
        {
            _ = app.Services.GetRequiredService<FirstRunAdminKey>().Entry;
        }
    }

    [LoggerMessage(LogLevel.Information, "Data in {DataPath}; policies and org directory in {WorkflowsPath}; templates in {TemplatesPath}")]
    private static partial void LogPaths(ILogger logger, string dataPath, string workflowsPath, string templatesPath);
}
