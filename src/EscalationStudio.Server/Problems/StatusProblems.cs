using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace EscalationStudio.Server.Problems;

/// <summary>
/// A problem+json answer of one status that a handler lists in its signature (<c>Results&lt;Ok&lt;…&gt;, NotFoundProblem, …&gt;</c>),
/// so the route's outcomes and its OpenAPI responses are read from the handler. Written like every other problem of
/// the API, through the problem details service (<see cref="TypedResults.Problem(ProblemDetails)"/>).
/// </summary>
internal abstract class StatusProblem(ProblemDetails problem) : IResult, IStatusCodeHttpResult, IValueHttpResult<ProblemDetails>, IValueHttpResult
{
    public ProblemDetails Value => problem;

    object? IValueHttpResult.Value => problem;

    public int? StatusCode => problem.Status;

    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Problem(problem).ExecuteAsync(httpContext);

    protected static void Produces<TProblem>(EndpointBuilder builder, int status)
        where TProblem : ProblemDetails =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(TProblem), ["application/problem+json"]));
}

/// <summary>400 naming the field a domain rule refused (the validators' 400s have the same shape).</summary>
internal sealed class InvalidFieldProblem(string field, string message) : StatusProblem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
{
    Status = StatusCodes.Status400BadRequest,
    Title = "The request has invalid fields",
    Detail = $"{field}: {message}",
}), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces<HttpValidationProblemDetails>(builder, StatusCodes.Status400BadRequest);
}

internal sealed class NotFoundProblem(string title, string detail)
    : StatusProblem(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = title, Detail = detail }), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces<ProblemDetails>(builder, StatusCodes.Status404NotFound);
}

internal sealed class ConflictProblem(string title, string detail)
    : StatusProblem(new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = title, Detail = detail }), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces<ProblemDetails>(builder, StatusCodes.Status409Conflict);
}

/// <summary>403 saying why: the change is beyond the caller's authority or role.</summary>
internal sealed class ForbiddenProblem(string title, string detail)
    : StatusProblem(new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = title, Detail = detail }), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces<ProblemDetails>(builder, StatusCodes.Status403Forbidden);
}
