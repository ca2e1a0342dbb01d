namespace EscalationStudio.Domain.Delivery;

/// <summary>
/// Where a tier, specialist group or agent wants briefings besides the desk (which always has them): an e-mail
/// address and a chat webhook. The webhook is named, not given: its URL carries a token, so it lives in the server's
/// configuration (<c>Escalation:Delivery:Chat:Webhooks:&lt;name&gt;</c>), never in the directory kept in git.
/// </summary>
/// <param name="Email">The address to send to, or null for none.</param>
/// <param name="ChatWebhook">The configured webhook's name, or null for none.</param>
public sealed record DeliveryTargets(string? Email, string? ChatWebhook)
{
    /// <summary>The desk alone.</summary>
    public static DeliveryTargets DeskOnly { get; } = new(null, null);
}
