using EscalationStudio.Policies.Settings;
using FluentValidation;
using MailKit.Security;

namespace EscalationStudio.Server.Delivery;

/// <summary>
/// How briefings, customer notes and manager alerts leave the server (configuration section <c>Escalation:Delivery</c>).
/// Both channels are off by default: a server without an SMTP server or chat webhooks plans no deliveries at all.
/// </summary>
/// <remarks>Secrets (the SMTP password, the webhook URLs, whose path is their token) are never logged or written to the timeline.</remarks>
public sealed class DeliveryOptions
{
    public const string Section = "Escalation:Delivery";

    public EmailDeliveryOptions Email { get; set; } = new();

    public ChatDeliveryOptions Chat { get; set; } = new();

    /// <summary>The wait after the first failed attempt; it doubles with each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts before a delivery is given up (recorded as a final <c>delivery-failed</c>).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How long one send may take (SMTP session or webhook call) before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a node holds a claimed delivery; another node takes it over after that (the node stopped).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the outbox is looked at besides the wake-ups of this node's own commits (other nodes' rows, leases run out).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The back-off before attempt <paramref name="attempt"/> + 1, after <paramref name="attempt"/> failed.</summary>
    public TimeSpan RetryDelay(int attempt)
    {
        var delay = FirstRetryDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30));
        return delay >= MaxRetryDelay.Ticks ? MaxRetryDelay : TimeSpan.FromTicks((long)delay);
    }
}

public sealed class EmailDeliveryOptions
{
    public bool Enabled { get; set; }

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>MailKit's choice: <c>Auto</c>, <c>None</c>, <c>StartTls</c>, <c>StartTlsWhenAvailable</c>, <c>SslOnConnect</c>.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    /// <summary>Empty = no authentication.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string? From { get; set; }

    public string FromName { get; set; } = "Escalation Studio";
}

public sealed class ChatDeliveryOptions
{
    public bool Enabled { get; set; }

    /// <summary>Webhooks by the names the org directory uses (<c>"delivery": { "chat": "tier-2-room" }</c>).</summary>
    public Dictionary<string, ChatWebhookOptions> Webhooks { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class ChatWebhookOptions
{
    /// <summary>The incoming-webhook URL; its path is a secret.</summary>
    public Uri? Url { get; set; }

    public ChatWebhookShape Shape { get; set; } = ChatWebhookShape.Slack;
}

public enum ChatWebhookShape
{
    /// <summary>Slack's incoming-webhook JSON (<c>{"text": …}</c> with mrkdwn); Mattermost and Rocket.Chat take it too.</summary>
    Slack,

    /// <summary>Microsoft Teams' incoming-webhook MessageCard.</summary>
    Teams,
}

internal sealed class DeliveryOptionsValidator : SettingsValidator<DeliveryOptions>
{
    public DeliveryOptionsValidator()
        : base(DeliveryOptions.Section)
    {
        RuleFor(o => o.Email.Host).NotEmpty().When(o => o.Email.Enabled)
            .WithMessage("is required when Escalation:Delivery:Email:Enabled is true (the SMTP server's host name)");
        RuleFor(o => o.Email.Port).InclusiveBetween(1, 65535).When(o => o.Email.Enabled)
            .WithMessage(o => $"must be between 1 and 65535 (was {o.Email.Port})");
        RuleFor(o => o.Email.From).Must(BeAnAddress).When(o => o.Email.Enabled)
            .WithMessage(o => $"must be the sender's e-mail address when e-mail is enabled (was '{o.Email.From}')");
        RuleFor(o => o.Email.Password).NotEmpty().When(o => o.Email.Enabled && !string.IsNullOrEmpty(o.Email.UserName))
            .WithMessage("is required with Escalation:Delivery:Email:UserName (set it in an environment variable or a secret store, not in a file in git)");
        RuleFor(o => o.Chat).Custom((chat, context) =>
        {
            foreach (var (name, webhook) in chat.Enabled ? chat.Webhooks : [])
            {
                if (webhook?.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
                {
                    // The URL itself is a secret: the message names the webhook only.
                    context.AddFailure($"Chat.Webhooks.{name}.Url", "must be an absolute http(s) URL");
                }
            }
        });
        RuleFor(o => o.FirstRetryDelay).InclusiveBetween(TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1))
            .WithMessage(o => $"must be between 00:00:00.010 and 01:00:00 (was {o.FirstRetryDelay})");
        RuleFor(o => o.MaxRetryDelay).GreaterThanOrEqualTo(o => o.FirstRetryDelay).LessThanOrEqualTo(TimeSpan.FromDays(1))
            .WithMessage(o => $"must be between FirstRetryDelay and 1.00:00:00 (was {o.MaxRetryDelay})");
        RuleFor(o => o.MaxAttempts).InclusiveBetween(1, 100).WithMessage(o => $"must be between 1 and 100 (was {o.MaxAttempts})");
        RuleFor(o => o.Timeout).InclusiveBetween(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5))
            .WithMessage(o => $"must be between 00:00:01 and 00:05:00 (was {o.Timeout})");

        // A lease that ran out while its node still sends would let a second node send the same row.
        RuleFor(o => o.Lease).Must((o, lease) => lease >= o.Timeout * 4)
            .WithMessage(o => $"must be at least four times Timeout ({o.Timeout * 4}), so a send never outlasts its claim (was {o.Lease})");
        RuleFor(o => o.PollInterval).InclusiveBetween(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5))
            .WithMessage(o => $"must be between 00:00:00.100 and 00:05:00 (was {o.PollInterval})");
    }

    private static bool BeAnAddress(string? text) => MimeKit.MailboxAddress.TryParse(text, out var address) && address.Address.Contains('@', StringComparison.Ordinal);
}
