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
            .WithSummary("Opens a ticket; the requester is found by e-mail or created.");
        tickets.MapGet("/", ListTickets.Handle).WithName("ListTickets")
            .WithSummary("Lists tickets, newest first, filtered by status, priority, tier, owner (or 'none') and tag; paged.")
            .ProducesValidationProblem();
        tickets.MapGet("/export", ExportTickets.Handle).WithName("ExportTicketEvents")
            .RequireAuthorization(AuthorizationPolicies.ManagerOrAdmin)
            .WithSummary("Every ticket event in [from, to) (default: the last 30 days), oldest first, as JSON lines: the history escalation simulate replays.");
        tickets.MapPost("/import", ImportTickets.HandleAsync).WithName("ImportTicketEvents")
            .RequireAuthorization(AuthorizationPolicies.Admin)
            .WithMetadata(new RequestSizeLimitAttribute(ImportTickets.MaxBodyBytes))
            .Accepts<string>(ExportTickets.ContentType)
            .WithSummary(
                "Writes the export's JSON lines back as tickets with their recorded events (admins; idempotent by ticket id: tickets "
                + "already here are left alone). Policies are not run on them. Lines that cannot be used are counted by reason.");
        tickets.MapGet("/{id:guid}", ReadTicket.Get).WithName("GetTicket")
            .WithSummary("One ticket with its requester and conversation.");
        tickets.MapGet("/{id:guid}/timeline", ReadTicket.Timeline).WithName("GetTicketTimeline")
            .WithSummary("Every event of the ticket, escalations and de-escalations included, oldest first.");
        tickets.MapGet("/{id:guid}/deliveries", ReadTicket.Deliveries).WithName("GetTicketDeliveries")
            .WithSummary("Where the ticket's briefings, customer notes and manager alerts went: channel, address or webhook name, state (queued, retrying, delivered, given-up) and every attempt.");

        // The changes' outcomes (400 naming a field, 404, 403 with the reason, 409) are in their handlers' signatures.
        tickets.MapPost("/{id:guid}/messages", AddMessage.Handle).WithName("AddTicketMessage")
            .WithSummary("Adds a customer message, an agent reply or an internal note. A customer reply reopens a waiting or solved ticket.");
        tickets.MapPost("/{id:guid}/status", ChangeStatus.Handle).WithName("ChangeTicketStatus")
            .WithSummary("Moves the ticket through new, open, pending, on-hold, solved, closed. Solving checks the caller's authority (VIP, sign-off).");
        tickets.MapPost("/{id:guid}/assign", AssignTicket.Handle).WithName("AssignTicket")
            .WithSummary("Lateral reassignment to another agent of the ticket's current tier.");
        tickets.MapPost("/{id:guid}/escalate", RequestEscalation.Handle).WithName("RequestTicketEscalation")
            .WithSummary("An escalation request (an agent's manual flag) with a reason (the policies decide where the case goes), or, with a tier, a direct escalation there.");
        tickets.MapPost("/{id:guid}/de-escalate", DeEscalateTicket.Handle).WithName("DeEscalateTicket")
            .WithSummary("Hands the case back down to a lower tier with a hand-back note.");
        tickets.MapPost("/{id:guid}/csat", RecordCsat.Handle).WithName("RecordTicketCsat")
            .WithSummary("Records the satisfaction score (1-5) of a solved or closed ticket.");
        tickets.MapPost("/{id:guid}/priority", SetPriority.Handle).WithName("SetTicketPriority")
            .WithSummary("Sets the priority (low, normal, high, urgent).");
        tickets.MapPost("/{id:guid}/tags", AddTag.Handle).WithName("AddTicketTag")
            .WithSummary("Adds a tag (lower-cased; adding an existing tag changes nothing).");
        tickets.MapPost("/{id:guid}/approvals", ApproveTicket.Handle).WithName("ApproveOnTicket")
            .WithSummary("Approves a refund, credit or contract change within the caller's authority level (beyond it: 403 with the reason), or, with decision 'reject', declines it.");
        return app;
    }
}
