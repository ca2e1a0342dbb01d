namespace EscalationStudio.Server.Auth;

/// <summary>The roles an API key (or a signed-in person) has. Stored lower-case in configuration and claims.</summary>
public static class EscalationRoles
{
    public const string Admin = "admin";
    public const string Manager = "manager";
    public const string Agent = "agent";

    public static readonly IReadOnlyList<string> All = [Admin, Manager, Agent];
}

/// <summary>Claim types beyond the standard name and role.</summary>
public static class EscalationClaims
{
    /// <summary>The org-directory agent a key acts as; agent keys always carry it.</summary>
    public const string AgentId = "escalation:agent-id";

    /// <summary>The SHA-256 of the API key (hex) a Studio cookie was issued for: looked up again on every request.</summary>
    public const string KeyId = "escalation:key-id";
}

/// <summary>Authorization policy names for endpoints.</summary>
public static class AuthorizationPolicies
{
    public const string AnyRole = "Escalation.AnyRole";
    public const string ManagerOrAdmin = "Escalation.ManagerOrAdmin";
    public const string Admin = "Escalation.Admin";
}
