namespace EscalationStudio.Domain.Org;

/// <summary>What the members of a tier may approve on their own.</summary>
/// <param name="RefundCap">Largest refund (in the account currency) an agent of the tier approves alone.</param>
/// <param name="CreditCap">Largest goodwill credit an agent of the tier grants alone.</param>
/// <param name="MaySignOff">May give the manager sign-off that a policy can require before a ticket is solved.</param>
public sealed record AuthorityLevel(
    decimal RefundCap,
    decimal CreditCap,
    bool MayCloseVipTickets,
    bool MayApproveContractChanges,
    bool MaySignOff)
{
    /// <summary>Admins, managers' keys without an agent, and policies: the org chart does not limit them.</summary>
    public static readonly AuthorityLevel Unlimited = new(decimal.MaxValue, decimal.MaxValue, true, true, true);

    /// <summary>Customers and unknown actors.</summary>
    public static readonly AuthorityLevel None = new(0, 0, false, false, false);

    public bool CanApproveRefund(decimal amount) => amount >= 0 && amount <= RefundCap;

    public bool CanApproveCredit(decimal amount) => amount >= 0 && amount <= CreditCap;

    public bool CanCloseVip => MayCloseVipTickets;

    public bool CanApproveContractChange => MayApproveContractChanges;

    public bool CanSignOff => MaySignOff;

    /// <summary>Decides an approval and, when refused, says why in words an agent understands.</summary>
    public AuthorityDecision Decide(ApprovalKind kind, decimal? amount) => kind switch
    {
        ApprovalKind.Refund when amount is null => AuthorityDecision.Deny("a refund approval needs an amount"),
        ApprovalKind.Refund => CanApproveRefund(amount.Value)
            ? AuthorityDecision.Allow
            : AuthorityDecision.Deny($"refund of {Format(amount.Value)} exceeds the refund cap of {Format(RefundCap)}"),
        ApprovalKind.Credit when amount is null => AuthorityDecision.Deny("a credit approval needs an amount"),
        ApprovalKind.Credit => CanApproveCredit(amount.Value)
            ? AuthorityDecision.Allow
            : AuthorityDecision.Deny($"credit of {Format(amount.Value)} exceeds the credit cap of {Format(CreditCap)}"),
        ApprovalKind.ContractChange => CanApproveContractChange
            ? AuthorityDecision.Allow
            : AuthorityDecision.Deny("this authority level may not approve contract changes"),
        _ => AuthorityDecision.Deny($"unknown approval kind {kind}"),
    };

    private static string Format(decimal value) =>
        value == decimal.MaxValue ? "unlimited" : value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}

public enum ApprovalKind
{
    Refund,
    Credit,
    ContractChange,
}

public readonly record struct AuthorityDecision(bool IsAllowed, string? Reason)
{
    public static readonly AuthorityDecision Allow = new(true, null);

    public static AuthorityDecision Deny(string reason) => new(false, reason);
}
