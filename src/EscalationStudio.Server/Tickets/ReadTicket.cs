using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Tickets;

internal static class ReadTicket
{
    public static async Task<Results<Ok<TicketResponse>, NotFoundProblem>> Get(Guid id, ITicketDesk desk, CancellationToken cancellationToken) =>
        await desk.FindAsync(id, cancellationToken) is { } ticket ? TypedResults.Ok(TicketResponse.From(ticket)) : TicketAnswers.NotFound(id);

    public static async Task<Results<Ok<IReadOnlyList<TimelineEventResponse>>, NotFoundProblem>> Timeline(Guid id, ITicketDesk desk, CancellationToken cancellationToken)
    {
        try
        {
            var events = await desk.GetTimelineAsync(id, cancellationToken);
            return TypedResults.Ok<IReadOnlyList<TimelineEventResponse>>([.. events.Select(TimelineEventResponse.From)]);
        }
        catch (TicketNotFoundException e)
        {
            return TicketAnswers.NotFound(e);
        }
    }
}
