namespace EscalationStudio.Domain.Delivery;

/// <summary>How a delivery leaves the server. The desk is no channel: what the desk shows is the ticket itself.</summary>
public enum DeliveryChannel
{
    Email,
    Chat,
}
