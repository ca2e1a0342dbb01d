using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Domain.Customers;

/// <summary>The person a ticket is for. VIP customers and high lifetime values drive many escalation policies.</summary>
public sealed class Customer
{
    private Customer()
    {
        Name = string.Empty;
        Email = string.Empty;
    }

    public Customer(Guid id, string name, string email, string? organisation, decimal lifetimeValue, bool isVip)
    {
        TicketText.EnsureStorable(name, "requester.name");
        TicketText.EnsureStorable(email, "requester.email");
        TicketText.EnsureStorable(organisation, "requester.organisation");
        Id = id;
        Name = name;
        Email = email;
        Organisation = organisation;
        LifetimeValue = lifetimeValue;
        IsVip = isVip;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>Stored lower-case: customers are found again by e-mail when they open another ticket.</summary>
    public string Email { get; private set; }

    public string? Organisation { get; private set; }

    public decimal LifetimeValue { get; private set; }

    public bool IsVip { get; private set; }

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();
}
