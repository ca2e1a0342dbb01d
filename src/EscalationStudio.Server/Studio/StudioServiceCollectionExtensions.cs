using EscalationStudio.Persistence.WorkflowDefinitions;
using EscalationStudio.Server.ElsaApi;
using EscalationStudio.Server.Hosting;
using EscalationStudio.Server.Studio.Assets;
using EscalationStudio.Server.Studio.Forms;
using EscalationStudio.Server.Studio.Policies;
using EscalationStudio.Server.Studio.WhatIf;
using EscalationStudio.Workflows.Definitions.Files;
using EscalationStudio.Workflows.Definitions.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EscalationStudio.Server.Studio;

public static class StudioServiceCollectionExtensions
{
    /// <summary>
    /// Studio: the designer's files and pages, sign-in, definition versions in the database, published policies in
    /// <c>workflows/</c> (loaded at start and watched), and the Elsa API the designer talks to.
    /// </summary>
    public static IServiceCollection AddStudio(this IServiceCollection services)
    {
        services.AddSingleton(sp => DesignerAssets.Locate(sp.GetRequiredService<IConfiguration>()));
        services.AddStudioAuthentication();
        services.AddStudioForms();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IWorkflowDefinitionStore, EfWorkflowDefinitionStore>();
        services.AddSingleton<DefinitionWriteLock>();
        services.AddSingleton<IPublishValidator, FlowchartStructureValidator>();
        services.AddSingleton(sp => new WorkflowFolder(sp.GetRequiredService<EscalationPaths>().WorkflowsPath));
        services.AddSingleton<WorkflowFolderSync>();
        services.AddSingleton(sp => new WorkflowFolderWatcher(sp.GetRequiredService<WorkflowFolderSync>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<DefinitionEditor>();
        services.AddSingleton<DefinitionStoreFollower>();
        services.AddHostedService<WorkflowFolderHost>();

        services.AddElsaApi();
        services.AddWhatIf();
        return services;
    }

    public static WebApplication MapStudio(this WebApplication app)
    {
        app.MapStudioPages();
        app.MapElsaApi();
        app.MapWhatIf();
        return app;
    }
}
