using EscalationStudio.Server.ElsaApi.Descriptors;
using EscalationStudio.Server.ElsaApi.WorkflowDefinitions;
using EscalationStudio.Server.Studio;
using EscalationStudio.Server.Validation;
using EscalationStudio.Workflows.Definitions.Store;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Server.ElsaApi;

/// <summary>
/// The part of Elsa 3's REST API (under <c>/elsa/api</c>) that Elsa Studio 3.8.2 calls, answered from our own
/// definitions store and activity registry. Reading needs any signed-in person; changing needs a manager or admin.
/// </summary>
internal static class ElsaApiEndpoints
{
    public const string Prefix = "/elsa/api";

    public static IServiceCollection AddElsaApi(this IServiceCollection services)
    {
        services.AddSingleton<IPublishValidator>(sp => sp.GetService<WorkflowEngine>() is { } engine
            ? new ActivityCatalogValidator(engine)
            : new NoActivityCatalog());
        services.AddPolicyTestRuns();
        return services;
    }

    public static IEndpointRouteBuilder MapElsaApi(this IEndpointRouteBuilder app)
    {
        // Every route and query value and every JSON body is held to the API's text rule (and request validators) first.
        var api = app.MapGroup(Prefix).WithTags("Elsa API").RequireAuthorization(StudioAuthentication.ViewPolicy).ValidateRequests();
        var edit = api.MapGroup("").RequireAuthorization(StudioAuthentication.EditPolicy);

        var definitions = api.MapGroup("/workflow-definitions");
        definitions.MapDefinitionQueries();
        definitions.MapDefinitionExport();

        var changes = edit.MapGroup("/workflow-definitions");
        changes.MapDefinitionSave();
        changes.MapDefinitionLifecycle(edit);
        changes.MapDefinitionHistory(definitions);
        changes.MapDefinitionExecute();
        changes.MapDefinitionImport();

        var descriptors = api.MapGroup("/descriptors");
        descriptors.MapActivityDescriptors();
        descriptors.MapFixedDescriptors(api);
        return app;
    }

    /// <summary>Without a workflow engine no policy can run, so none may be published.</summary>
    private sealed class NoActivityCatalog : IPublishValidator
    {
        public IEnumerable<string> Validate(Workflows.Definitions.WorkflowDefinition definition) =>
            ["this server has no workflow engine, so it cannot run policies"];
    }
}
