using System.Text.Json;
using System.Text.RegularExpressions;
using EscalationStudio.Server.Validation;
using EscalationStudio.Workflows.Definitions.Store;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EscalationStudio.Server.Problems;

/// <summary>
/// Turns what a handler cannot answer itself into problem+json (the ticket routes answer the domain's refusals in
/// their own signatures, see <c>TicketAnswers</c>): a policy another node changed meanwhile 409, malformed
/// JSON 400 naming the field, too large 413, a form read from a body that is no form 415, a malformed form 400.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DefinitionConflictException e => Problem(StatusCodes.Status409Conflict, "The policy changed meanwhile", e.Message),
            DbUpdateConcurrencyException => Problem(StatusCodes.Status409Conflict, "The ticket changed meanwhile", "Another change to this ticket was committed first; read it again and retry."),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } e => Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", e.Message),
            BadHttpRequestException { InnerException: JsonException json } => Invalid(JsonField(json), JsonProblem(json)),
            BadHttpRequestException e when e.Message.Contains("no body was provided", StringComparison.Ordinal) => Invalid("body", "a JSON body is required"),
            BadHttpRequestException e => Invalid(FieldFromMessage(e.Message), e.Message),
            InvalidOperationException e when ThrownBy(e, FormReading) && !httpContext.Request.HasFormContentType =>
                Problem(StatusCodes.Status415UnsupportedMediaType, "A form is expected", "send the fields as application/x-www-form-urlencoded or multipart/form-data"),
            InvalidDataException e => Invalid("body", $"the body cannot be read: {e.Message}"),
            IOException e when ThrownBy(e, MultipartReading) => Invalid("body", $"the form cannot be read: {e.Message}"),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    // Where ASP.NET Core reads forms (FormFeature) and multipart sections: what they throw is about the request's body.
    private const string FormReading = "Microsoft.AspNetCore.Http.Features";
    private const string MultipartReading = "Microsoft.AspNetCore.WebUtilities";

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    // An async method throws from its state machine, a type nested in the method's own class and namespace.
    private static bool ThrownBy(Exception e, string @namespace) => e.TargetSite?.DeclaringType?.Namespace == @namespace;

    private static HttpValidationProblemDetails Invalid(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] })
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "The request has invalid fields",
        Detail = $"{field}: {message}",
    };

    private static string JsonField(JsonException json) =>
        json.Path is null or "$" ? "body" : RequestValidationFilter.FieldPath(json.Path.TrimStart('$', '.'));

    // Binding failures read 'Failed to bind parameter "int? Page" from "abc".'; the parameter is the field.
    private static string FieldFromMessage(string message) =>
        BindingFailure().Match(message) is { Success: true } match
            ? RequestValidationFilter.FieldPath(match.Groups["name"].Value)
            : message.Contains("body", StringComparison.OrdinalIgnoreCase) ? "body" : "request";

    [GeneratedRegex("parameter \"(?:[^\"]*\\s)?(?<name>\\w+)\"")]
    private static partial Regex BindingFailure();

    // The serializer's "could not be converted to <internal type>" says nothing useful to a client.
    private static string JsonProblem(JsonException json) =>
        json.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? "the value has the wrong JSON type"
            : $"malformed JSON: {json.Message.Split(" Path:", 2)[0]}";
}
