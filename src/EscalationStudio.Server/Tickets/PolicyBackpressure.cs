using EscalationStudio.Policies.Dispatch;

namespace EscalationStudio.Server.Tickets;

/// <summary>
/// When the policies fall behind (their queue is full and the dispatcher is catching up from the outbox), ticket
/// changes are answered 503 with <c>Retry-After</c> instead of piling up further: reading stays open, and a client that
/// retries later loses nothing. Nothing is written for a refused request.
/// </summary>
internal static class PolicyBackpressure
{
    public const int RetryAfterSeconds = 2;

    public static RouteGroupBuilder ShedChangesWhenPoliciesFallBehind(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (HttpMethods.IsGet(http.Request.Method) || !http.RequestServices.GetRequiredService<PolicyEventQueue>().IsSaturated)
            {
                return await next(context);
            }

            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Escalation policies are catching up",
                detail: $"The policies are behind on ticket changes; nothing was changed. Try again in {RetryAfterSeconds} s.");
        });
        return group.ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }
}
