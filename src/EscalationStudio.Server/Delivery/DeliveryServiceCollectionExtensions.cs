using EscalationStudio.Domain.Delivery;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Settings;
using Microsoft.Extensions.Options;
using Polly;

namespace EscalationStudio.Server.Delivery;

internal static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Briefings, customer notes and manager alerts by e-mail and chat webhook: the planner the ticket writer asks in
    /// each commit, and the sender that empties the delivery outbox (<see cref="DeliverySender"/>).
    /// </summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>()
            .BindConfiguration(DeliveryOptions.Section)
            .ValidateOnStart<DeliveryOptions, DeliveryOptionsValidator>();
        services.AddSingleton<IDeliveryPlanner, DeliveryPlanner>();
        services.AddSingleton<EmailSender>();
        services.AddSingleton<ChatWebhookSender>();
        services.AddSingleton<DeliverySender>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliverySender>());
        services.AddSingleton<ITicketEventObserver, DeliveryWakeUp>();

        // No request logging on this client: HttpClientFactory's would write each webhook URL, whose path is its token.
        services.AddHttpClient(ChatWebhookSender.ClientName)
            .RemoveAllLoggers()
            .AddResilienceHandler("chat-delivery", (pipeline, context) =>
                pipeline.AddTimeout(context.ServiceProvider.GetRequiredService<IOptions<DeliveryOptions>>().Value.Timeout));
        return services;
    }
}
