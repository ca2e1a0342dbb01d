namespace EscalationStudio.Server.Auth;

/// <summary>The <c>Auth</c> section: <c>Auth:ApiKeys:0:Key</c>, <c>:Role</c>, <c>:AgentId</c>, optionally <c>:Name</c>.</summary>
internal sealed class AuthOptions
{
    public const string Section = "Auth";

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];
}

internal sealed class ApiKeyEntry
{
    public string Key { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    /// <summary>Required for agent keys: the key acts as this agent of the org directory.</summary>
    public string? AgentId { get; set; }

    /// <summary>The person using the key: who changed a policy in its history, and the timeline's actor when the key has no agent; defaults to the agent, else the role.</summary>
    public string? Name { get; set; }
}
