using System.Text.Json.Nodes;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Sandbox;
using EscalationStudio.Server.ElsaApi.WorkflowDefinitions;
using EscalationStudio.Server.Shell;
using EscalationStudio.Server.Studio.Forms;
using EscalationStudio.Server.Studio.Pages;
using EscalationStudio.Workflows.Definitions.Store;
using Microsoft.Net.Http.Headers;

namespace EscalationStudio.Server.Studio;

/// <summary>
/// Test runs as pages with an address of their own: <c>/studio/runs/{id}</c> shows one run (a reload shows the same
/// run, events injected since included); a form starts a run on a copy of a real ticket, another injects an event into
/// an open run. Both forms answer 303 to the run's page, so a reload never posts again; a caller that accepts JSON
/// gets the run's summary instead.
/// </summary>
internal static class TestRunEndpoints
{
    public static void MapTestRuns(this RouteGroupBuilder pages)
    {
        pages.MapGet("/runs/{id}", (string id, IServiceProvider services) => services.GetService<RecentSandboxRuns>() is { } runs && runs.Find(id) is { } run
                ? RunPage(run, runs.FindOpen(id) is not null, error: null, StatusCodes.Status200OK)
                : NoRun(id))
            .WithName("StudioTestRun").WithSummary("The ticket's timeline of one test run, with a form to inject what happens next.");

        // Not /runs itself: the run list there is a routed component, and those answer POSTs too.
        pages.MapPost("/runs/start", StartAsync)
            .RequireAuthorization(StudioAuthentication.EditPolicy).RequireFormToken()
            .WithName("StudioStartTestRun").WithSummary("Test-runs a policy's latest version on a copy of a real ticket (never changed) or on the sample ticket.");

        pages.MapPost("/runs/{id}/events", InjectAsync)
            .RequireAuthorization(StudioAuthentication.EditPolicy).RequireFormToken()
            .WithName("StudioInjectTestRunEvent").WithSummary("Injects a customer reply, a tag or a status change into an open test run, then lets time pass.");
    }

    private static async Task<IResult> StartAsync(HttpContext context, IWorkflowDefinitionStore store, IServiceProvider services, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        string? Field(string name) => form[name].FirstOrDefault() is { Length: > 0 } value ? value.Trim() : null;
        if (services.GetService<IPolicyTestRun>() is not { } testRun)
        {
            return Refused(context, "policy", "test runs are not available on this server");
        }

        if (Field("policy") is not { } policy || DefinitionVersioning.LatestOf(await store.ListVersionsAsync(policy, cancellationToken)) is not { } latest)
        {
            return Refused(context, "policy", $"choose a policy; '{Field("policy")}' is not one");
        }

        var input = new JsonObject();
        if (Field("ticketId") is { } ticketId)
        {
            input["ticketId"] = ticketId;
        }

        if (Field("runFor") is { } runFor)
        {
            input["runFor"] = runFor;
        }

        try
        {
            var run = await testRun.RunAsync(latest, input.Count == 0 ? null : input, cancellationToken);
            return Answer(context, run);
        }
        catch (SampleTicketException invalid)
        {
            return Refused(context, invalid.Field, invalid.Message);
        }
    }

    private static async Task<IResult> InjectAsync(string id, HttpContext context, IServiceProvider services, CancellationToken cancellationToken)
    {
        var runs = services.GetService<RecentSandboxRuns>();
        if (runs?.Find(id) is not { } run)
        {
            return NoRun(id);
        }

        if (runs.FindOpen(id) is not { } session)
        {
            return Refused(context, "run", "this test run no longer takes events (it is old, or its policy did not load); start a new one", run);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        try
        {
            var injected = SandboxEvent.From(form["kind"].FirstOrDefault(), form["value"].FirstOrDefault(), form["thenWait"].FirstOrDefault(),
                context.User.Identity?.Name ?? "test-run");
            var after = await session.InjectAsync(injected, cancellationToken);
            runs.Update(session);
            return Answer(context, after, id);
        }
        catch (SampleTicketException invalid)
        {
            return Refused(context, invalid.Field, invalid.Message, run);
        }
        catch (TicketRuleViolationException refused)
        {
            return Refused(context, "value", $"the ticket refuses it: {refused.Message}", session.Run);
        }
    }

    private static IResult Answer(HttpContext context, SandboxRun run, string? id = null) =>
        WantsJson(context)
            ? TypedResults.Ok(TestRunSummary.Of(run, context.RequestServices.GetRequiredService<IOrgDirectorySource>().Current))
            : new SeeOther($"/studio/runs/{Uri.EscapeDataString(id ?? run.Id)}");

    private static IResult Refused(HttpContext context, string field, string message, SandboxRun? run = null) =>
        WantsJson(context) || run is null
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The test run cannot do that")
            : RunPage(run, context.RequestServices.GetService<RecentSandboxRuns>()?.FindOpen(run.Id) is not null, $"{field}: {message}", StatusCodes.Status400BadRequest);

    private static bool WantsJson(HttpContext context) =>
        context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));

    private static IResult RunPage(SandboxRun run, bool open, string? error, int status) =>
        StatusPage.Result(builder =>
        {
            builder.OpenComponent<TestRunView>(0);
            builder.AddComponentParameter(1, nameof(TestRunView.Run), run);
            builder.AddComponentParameter(2, nameof(TestRunView.AcceptsEvents), open);
            builder.AddComponentParameter(3, nameof(TestRunView.Error), error);
            builder.CloseComponent();
        }, status);

    private static IResult NoRun(string id) =>
        StatusPage.Result(builder =>
        {
            builder.OpenComponent<NotFoundNotice>(0);
            builder.AddComponentParameter(1, nameof(NotFoundNotice.Title), $"No test run {id}");
            builder.AddComponentParameter(2, nameof(NotFoundNotice.Detail), "Test runs are kept in memory while the server runs; press ▶ Run in the designer again.");
            builder.CloseComponent();
        }, StatusCodes.Status404NotFound);

    /// <summary>303: the browser follows with a GET, so reloading the run's page never posts the form again.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers[HeaderNames.Location] = location;
            return Task.CompletedTask;
        }
    }
}
