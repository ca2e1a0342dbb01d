using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Domain.Tickets.Changes;

/// <summary>
/// A new ticket, as every desk opens it: the desk looks the requester up by <see cref="RequesterEmail"/> (or takes
/// <see cref="NewRequester"/> when the e-mail is new) and keeps the ticket <see cref="Open"/> answers.
/// </summary>
public sealed record OpenTicket(NewTicket Request, Actor By)
{
    /// <summary>The e-mail the requester is known by.</summary>
    public string RequesterEmail { get; } = Customer.NormaliseEmail(Request.Requester.Email);

    /// <summary>The requester when <see cref="RequesterEmail"/> is new.</summary>
    public Customer NewRequester(DateTimeOffset now)
    {
        var r = Request.Requester;
        return new Customer(Guid.CreateVersion7(now), r.Name.Trim(), RequesterEmail, r.Organisation, r.LifetimeValue, r.IsVip);
    }

    public Ticket Open(Customer requester, OrgDirectory directory, DateTimeOffset now) =>
        Ticket.Create(Guid.CreateVersion7(now), Request, requester, directory, By, now);
}
