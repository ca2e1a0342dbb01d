using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Domain.Delivery;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Server.Delivery;

/// <summary>
/// Posts one delivery to a configured chat webhook, in Slack's or Teams' incoming-webhook JSON, with the idempotency
/// key in the <c>Idempotency-Key</c> header. The HTTP client has no request logging (the URL is the secret) and a
/// Polly timeout (<see cref="DeliveryServiceCollectionExtensions"/>); retries are the outbox's, persisted.
/// </summary>
internal sealed class ChatWebhookSender(IHttpClientFactory clients, IOptions<DeliveryOptions> options)
{
    public const string ClientName = "chat-webhooks";
    public const string KeyHeader = "Idempotency-Key";

    public async Task SendAsync(PlannedDelivery delivery, CancellationToken cancellationToken)
    {
        if (!options.Value.Chat.Webhooks.TryGetValue(delivery.Target, out var webhook) || webhook.Url is null)
        {
            throw new PermanentDeliveryException($"chat webhook '{delivery.Target}' is not configured (Escalation:Delivery:Chat:Webhooks:{delivery.Target}:Url)");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = JsonContent.Create(Payload(delivery, webhook.Shape)) };
        request.Headers.Add(KeyHeader, delivery.Key);
        using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = $"the webhook answered {(int)response.StatusCode} {response.ReasonPhrase}";
        throw response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500
            ? new HttpRequestException(status)
            : new PermanentDeliveryException(status);
    }

    internal static JsonObject Payload(PlannedDelivery delivery, ChatWebhookShape shape) => shape switch
    {
        ChatWebhookShape.Teams => new JsonObject
        {
            ["@type"] = "MessageCard",
            ["@context"] = "https://schema.org/extensions",
            ["summary"] = delivery.Subject,
            ["title"] = delivery.Subject,
            ["text"] = DeliveryText.Teams(delivery.Body),
        },
        _ => new JsonObject
        {
            ["text"] = $"*{DeliveryText.Slack(delivery.Subject)}*\n{DeliveryText.Slack(delivery.Body)}",
            ["mrkdwn"] = true,
        },
    };
}

/// <summary>A failure that trying again cannot mend (a receiver refusing the request, a webhook not configured): given up at once.</summary>
internal sealed class PermanentDeliveryException(string message) : Exception(message);
