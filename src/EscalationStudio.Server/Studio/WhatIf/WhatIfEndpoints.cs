using System.ComponentModel;
using System.Globalization;
using System.Security.Claims;
using EscalationStudio.Policies.Replay;
using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Problems;
using EscalationStudio.Server.Shell;
using EscalationStudio.Server.Studio.Forms;
using EscalationStudio.Server.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Studio.WhatIf;

internal sealed record WhatIfRequest(
    [property: Description("How many days back from now to replay (1-365, default 30).")] int? Days = null);

internal sealed class WhatIfRequestValidator : AbstractValidator<WhatIfRequest>
{
    public WhatIfRequestValidator() => RuleFor(r => r.Days).InclusiveBetween(1, WhatIfRuns.MaxDays);
}

/// <param name="EventsReplayed">History entries replayed so far, both sides together.</param>
/// <param name="EventsTotal">The window's ticket events twice (once per side); 0 until counted.</param>
/// <param name="Result">The comparison, once the run is done.</param>
internal sealed record WhatIfStatus(
    string Id,
    string Policy,
    string Name,
    int Days,
    DateTimeOffset From,
    DateTimeOffset To,
    int? PublishedVersion,
    int DraftVersion,
    WhatIfState State,
    long EventsReplayed,
    long EventsTotal,
    string? Error,
    WhatIfResult? Result)
{
    public static WhatIfStatus Of(WhatIfRun run) => new(run.Id, run.DefinitionId, run.PolicyName, run.Days, run.From, run.To,
        run.PublishedVersion, run.DraftVersion, run.State, run.EventsReplayed, run.EventsTotal, run.Error,
        run.Comparison is { } compared ? WhatIfResult.Of(compared) : null);
}

/// <param name="Figures">The headline escalation-health figures, published (before) and draft (after).</param>
/// <param name="ChangedTickets">The tickets whose path through the tiers differs, with a link to each.</param>
internal sealed record WhatIfResult(
    long Events,
    int Tickets,
    IReadOnlyList<FigureDifference> Figures,
    IReadOnlyList<WhatIfChangedTicket> ChangedTickets,
    IReadOnlyDictionary<string, long> Skipped,
    IReadOnlyDictionary<string, long> Refused)
{
    public static WhatIfResult Of(ComparedReplays compared) => new(
        compared.After.Counts.Events,
        compared.After.Counts.Tickets,
        compared.Differences,
        [.. compared.ChangedPaths.Select(p => new WhatIfChangedTicket(p.Ticket, p.Before, p.After, "/desk/tickets/" + Uri.EscapeDataString(p.Ticket)))],
        compared.After.Counts.Skipped,
        compared.After.Counts.Refused);
}

/// <param name="Ticket">The ticket's id on this server.</param>
/// <param name="Before">The path through the tiers with the published policy, e.g. <c>tier-1 → retention</c>.</param>
/// <param name="After">The path with the draft.</param>
internal sealed record WhatIfChangedTicket(string Ticket, string? Before, string? After, string Link);

internal static class WhatIfEndpoints
{
    public static IServiceCollection AddWhatIf(this IServiceCollection services)
    {
        services.AddSingleton<WhatIfRuns>();
        services.AddHostedService<WhatIfWorker>();
        return services;
    }

    /// <summary>
    /// <c>POST /api/policies/{id}/what-if</c> (202 with the run's address) and <c>GET …/what-if/{run}</c>; and the
    /// Studio button's form post, which opens the run's page.
    /// </summary>
    public static IEndpointRouteBuilder MapWhatIf(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/policies/{definitionId}/what-if")
            .WithTags("Policies")
            .RequireAuthorization(AuthorizationPolicies.ManagerOrAdmin)
            .ValidateRequests()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/", StartAsync).WithName("StartWhatIf")
            .WithSummary(
                "Replays the last days of this server's tickets with the policy's draft beside its published version, in the background "
                + "(one run at a time per policy). Answers 202 with the run's address; live tickets are never touched.");
        api.MapGet("/{runId}", Read).WithName("GetWhatIf")
            .WithSummary("A What-if run: its state and progress (events replayed of the total), and when done the figures side by side and the tickets whose path changed.");

        app.MapPost("/studio/policies/{definitionId}/what-if", StartFromPageAsync)
            .RequireAuthorization(StudioAuthentication.EditPolicy).RequireFormToken()
            .WithTags("Studio").WithName("StudioStartWhatIf").ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Accepted<WhatIfStatus>, InvalidFieldProblem, NotFoundProblem, ConflictProblem>> StartAsync(
        string definitionId, WhatIfRequest request, WhatIfRuns runs, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var started = await runs.StartAsync(definitionId, request.Days ?? WhatIfRuns.DefaultDays, user.Identity?.Name, cancellationToken);
        return started switch
        {
            WhatIfStart.Started { Run: var run } => TypedResults.Accepted(Location(run), WhatIfStatus.Of(run)),
            WhatIfStart.UnknownPolicy => new NotFoundProblem("Policy not found", $"No policy {definitionId}."),
            _ => new ConflictProblem("The policy has no draft", $"{definitionId} has no draft newer than its published version: save a change in the designer first."),
        };
    }

    private static Results<Ok<WhatIfStatus>, NotFoundProblem> Read(string definitionId, string runId, WhatIfRuns runs) =>
        runs.Find(runId) is { } run && run.DefinitionId == definitionId
            ? TypedResults.Ok(WhatIfStatus.Of(run))
            : new NotFoundProblem("What-if not found", $"No What-if run {runId} of {definitionId}; runs are kept in memory, the last {WhatIfRuns.Kept}.");

    private static async Task<IResult> StartFromPageAsync(string definitionId, HttpContext context, WhatIfRuns runs, CancellationToken cancellationToken)
    {
        var days = WhatIfRuns.DefaultDays;
        var text = context.Request.HasFormContentType ? context.Request.Form["days"].ToString() : "";
        if (text.Length > 0 && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days < 1 || days > WhatIfRuns.MaxDays))
        {
            return Refused($"days: '{text}' is not a number of days from 1 to {WhatIfRuns.MaxDays}.", StatusCodes.Status400BadRequest);
        }

        return await runs.StartAsync(definitionId, days, context.User.Identity?.Name, cancellationToken) switch
        {
            WhatIfStart.Started { Run: var run } => TypedResults.Redirect("/studio/what-if/" + run.Id),
            WhatIfStart.UnknownPolicy => Refused($"No policy {definitionId}.", StatusCodes.Status404NotFound),
            _ => Refused($"{definitionId} has no draft newer than its published version: save a change in the designer first.", StatusCodes.Status409Conflict),
        };
    }

    private static IResult Refused(string detail, int status) => StatusPage.Result(builder =>
    {
        builder.OpenComponent<NotFoundNotice>(0);
        builder.AddComponentParameter(1, nameof(NotFoundNotice.Title), "What if could not start");
        builder.AddComponentParameter(2, nameof(NotFoundNotice.Detail), detail);
        builder.CloseComponent();
    }, status);

    private static string Location(WhatIfRun run) =>
        $"/api/policies/{Uri.EscapeDataString(run.DefinitionId)}/what-if/{run.Id}";
}
