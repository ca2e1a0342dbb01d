using System.Text.Json.Nodes;
using EscalationStudio.Policies.Sandbox;
using EscalationStudio.Server.ElsaApi.WorkflowDefinitions;
using EscalationStudio.Server.Shell;
using EscalationStudio.Server.Studio.Assets;
using EscalationStudio.Server.Studio.Forms;
using EscalationStudio.Server.Studio.Pages;
using EscalationStudio.Server.Studio.SignIn;
using EscalationStudio.Server.Validation;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;

namespace EscalationStudio.Server.Studio;

internal static class StudioEndpoints
{
    public static IEndpointRouteBuilder MapStudioPages(this IEndpointRouteBuilder app)
    {
        var studio = app.MapGroup("/studio").WithTags("Studio");
        studio.MapStudioSignIn();

        var pages = studio.MapGroup("").RequireAuthorization(StudioAuthentication.ViewPolicy).ValidateRequests();
        // The policy list (/studio), the sign-in form and the test-run list are routed Razor components (Studio/Pages/);
        // a test run and its forms are answered here, since a run that is gone is a 404 with a page.
        pages.MapTestRuns();

        pages.MapGet("/workflows/{definitionId}", async (string definitionId, HttpContext context, IWorkflowDefinitionStore store, CancellationToken ct) =>
                (await store.ListVersionsAsync(definitionId, ct)).Count > 0
                    ? DesignerPage.Render(definitionId, context.Request, context.User, canTestRun: context.RequestServices.GetService<IPolicyTestRun>() is not null, await store.SummarizeAsync(ct))
                    : StatusPage.Result(builder =>
                    {
                        builder.OpenComponent<NotFoundNotice>(0);
                        builder.AddComponentParameter(1, nameof(NotFoundNotice.Title), $"No policy {definitionId}");
                        builder.CloseComponent();
                    }, StatusCodes.Status404NotFound))
            .WithName("StudioDesigner").WithSummary("The Elsa Studio designer on one policy.").WithMetadata(DesignerPage.Policy);

        pages.MapPost("/policies", CreatePolicyAsync)
            .RequireAuthorization(StudioAuthentication.EditPolicy).RequireFormToken()
            .WithName("StudioNewPolicy").WithSummary("Creates an empty draft policy and opens it in the designer.");

        studio.MapGet("/appsettings.json", () => TypedResults.Text(DesignerPage.AppSettings, "application/json"))
            .WithName("StudioDesignerSettings").WithSummary("Settings the designer's WASM host reads at start.").AllowAnonymous();

        studio.MapGet("/" + DesignerPage.SwitchScriptFile, () => TypedResults.Text(DesignerPage.SwitchScript, "text/javascript"))
            .WithName("StudioDesignerSwitchScript").WithSummary("Opens another policy in the running designer, without reloading it.").AllowAnonymous();

        studio.MapGet("/" + DesignerPage.MonacoOnDemandScriptFile, () => TypedResults.Text(DesignerPage.MonacoOnDemandScript, "text/javascript"))
            .WithName("StudioDesignerMonacoScript").WithSummary("Loads the designer's code editor when it is first needed.").AllowAnonymous();

        studio.MapGet("/" + DesignerPage.FaultScriptFile, () => TypedResults.Text(DesignerPage.FaultScript, "text/javascript"))
            .WithName("StudioDesignerFaultScript").WithSummary("Selects the activity a refused publish names.").AllowAnonymous();

        studio.MapGet("/" + DesignerPage.ViewScriptFile, () => TypedResults.Text(DesignerPage.ViewScript, "text/javascript"))
            .WithName("StudioDesignerViewScript").WithSummary("Fits each policy to the canvas as it is first drawn.").AllowAnonymous();

        studio.MapGet("/" + DesignerPage.EndpointScriptFile, () => TypedResults.Text(DesignerPage.EndpointScript, "text/javascript"))
            .WithName("StudioDesignerEndpointScript").WithSummary("Points the designer at this server's Elsa API.").AllowAnonymous();

        // The package's files are public (they are on npm); only the pages and the API carry data.
        studio.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], (string path, HttpContext context, DesignerAssets assets) => DesignerFileEndpoint.Serve(path, context, assets))
            .WithName("StudioDesignerFiles").WithSummary("Files of the Elsa Studio designer package.").AllowAnonymous();
        return app;
    }

    private static async Task<IResult> CreatePolicyAsync(DefinitionEditor editor, HttpContext context, CancellationToken cancellationToken)
    {
        var saved = await editor.SaveAsync(NewPolicy(), publish: false, cancellationToken, context.User.Identity?.Name);
        return TypedResults.Redirect("/studio/workflows/" + Uri.EscapeDataString(saved.Definition.DefinitionId));
    }

    private static WorkflowDefinition NewPolicy() => new()
    {
        Name = "New policy",
        Description = "",
        ToolVersion = "3.8.0",
        Root = new JsonObject
        {
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["id"] = "flowchart1",
            ["nodeId"] = "Workflow1:flowchart1",
            ["metadata"] = new JsonObject(),
            ["customProperties"] = new JsonObject(),
            ["activities"] = new JsonArray(),
            ["connections"] = new JsonArray(),
        },
    };
}
