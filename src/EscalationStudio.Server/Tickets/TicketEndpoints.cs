using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Validation;
using Microsoft.AspNetCore.Mvc;

namespace EscalationStudio.Server.Tickets;

internal static class TicketEndpoints
{
    /// <summary>Bodies above this are refused with 413 before they are read; message bodies have their own, smaller limit.</summary>
    public const long MaxRequestBodyBytes = 512 * 1024;

    public static IEndpointRouteBuilder MapTicketEndpoints(this IEndpointRouteBuilder app)
    {
        var tickets = app.MapGroup("/api/tickets")
            .WithTags("Tickets")
            .RequireAuthorization(AuthorizationPolicies.AnyRole)
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBodyBytes))
            .ValidateRequests()
            .ShedChangesWhenPoliciesFallBehind()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        tickets.MapPost("/", CreateTicket.Handle).WithName("CreateTicket")
            .WithSummary("Opens a ticket; the requester is found by e-mail or created.")
            .ProducesValidationProblem();
        tickets.MapGet("/", ListTickets.Handle).WithName("ListTickets")
            .WithSummary("Lists tickets, newest first, filtered by status, priority, tier, owner (or 'none') and tag; paged.")
            .ProducesValidationProblem();
        tickets.MapGet("/{id:guid}", ReadTicket.Get).WithName("GetTicket")
            .WithSummary("One ticket with its requester and conversation.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapGet("/{id:guid}/timeline", ReadTicket.Timeline).WithName("GetTicketTimeline")
            .WithSummary("Every event of the ticket, escalations and de-escalations included, oldest first.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        MapCommand(tickets.MapPost("/{id:guid}/messages", AddMessage.Handle), "AddTicketMessage",
            "Adds a customer message, an agent reply or an internal note. A customer reply reopens a waiting or solved ticket.");
        MapCommand(tickets.MapPost("/{id:guid}/status", ChangeStatus.Handle), "ChangeTicketStatus",
            "Moves the ticket through new, open, pending, on-hold, solved, closed. Solving checks the caller's authority (VIP, sign-off).");
        MapCommand(tickets.MapPost("/{id:guid}/assign", AssignTicket.Handle), "AssignTicket",
            "Lateral reassignment to another agent of the ticket's current tier.");
        MapCommand(tickets.MapPost("/{id:guid}/escalate", EscalateTicket.Handle), "FlagTicketForEscalation",
            "An agent's manual escalation flag with a reason (the policies decide where the case goes), or, with a tier, a direct escalation there.");
        MapCommand(tickets.MapPost("/{id:guid}/de-escalate", DeEscalateTicket.Handle), "DeEscalateTicket",
            "Hands the case back down to a lower tier with a hand-back note.");
        MapCommand(tickets.MapPost("/{id:guid}/csat", RecordCsat.Handle), "RecordTicketCsat",
            "Records the satisfaction score (1-5) of a solved or closed ticket.");
        MapCommand(tickets.MapPost("/{id:guid}/priority", SetPriority.Handle), "SetTicketPriority",
            "Sets the priority (low, normal, high, urgent).");
        MapCommand(tickets.MapPost("/{id:guid}/tags", AddTag.Handle), "AddTicketTag",
            "Adds a tag (lower-cased; adding an existing tag changes nothing).");
        MapCommand(tickets.MapPost("/{id:guid}/approvals", ApproveTicket.Handle), "ApproveOnTicket",
            "Approves a refund, credit or contract change within the caller's authority level (beyond it: 403 with the reason), or, with decision 'reject', declines it.");
        return app;
    }

    private static void MapCommand(RouteHandlerBuilder route, string name, string summary) =>
        route.WithName(name)
            .WithSummary(summary)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
