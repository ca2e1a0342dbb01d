using EscalationStudio.Domain.Delivery;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EscalationStudio.Server.Delivery;

/// <summary>
/// Sends one delivery as an e-mail through MailKit: a plain-text and an HTML part, the idempotency key as the
/// <c>Message-ID</c> (and <c>X-Escalation-Delivery-Key</c>), so a mail system or reader can drop a repeat.
/// </summary>
internal sealed class EmailSender(IOptions<DeliveryOptions> options)
{
    public const string KeyHeader = "X-Escalation-Delivery-Key";

    public async Task SendAsync(PlannedDelivery delivery, CancellationToken cancellationToken)
    {
        var settings = options.Value.Email;
        var message = Message(delivery, settings);
        using var client = new SmtpClient { Timeout = (int)options.Value.Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Host ?? "localhost", settings.Port, settings.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    internal static MimeMessage Message(PlannedDelivery delivery, EmailDeliveryOptions settings)
    {
        var message = new MimeMessage
        {
            Subject = delivery.Subject,
            MessageId = $"{delivery.Key}@escalation-studio",
            Body = new BodyBuilder
            {
                TextBody = DeliveryText.Plain(delivery.Body),
                HtmlBody = DeliveryText.Html(delivery.Body, delivery.Subject),
            }.ToMessageBody(),
        };
        message.From.Add(new MailboxAddress(settings.FromName, settings.From ?? string.Empty));
        message.To.Add(MailboxAddress.Parse(delivery.Target));
        message.Headers.Add(KeyHeader, delivery.Key);
        return message;
    }
}
