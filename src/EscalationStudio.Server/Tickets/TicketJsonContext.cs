using System.Text.Json;
using System.Text.Json.Serialization;

namespace EscalationStudio.Server.Tickets;

/// <summary>
/// Serialisation code for the ticket routes' bodies, generated at build time: requests are read and answers written
/// without the reflection-based metadata the serializer would otherwise build and look up. The enum converter of the
/// API's options (kebab-case) still applies: options' converters come before generated ones.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TicketResponse))]
[JsonSerializable(typeof(TicketStateResponse))]
[JsonSerializable(typeof(TicketPage))]
[JsonSerializable(typeof(IReadOnlyList<TimelineEventResponse>))]
[JsonSerializable(typeof(IReadOnlyList<EscalationStudio.Server.Delivery.TicketDelivery>))]
[JsonSerializable(typeof(CreateTicketRequest))]
[JsonSerializable(typeof(AddMessageRequest))]
[JsonSerializable(typeof(ChangeStatusRequest))]
[JsonSerializable(typeof(AssignTicketRequest))]
[JsonSerializable(typeof(EscalationRequest))]
[JsonSerializable(typeof(DeEscalateTicketRequest))]
[JsonSerializable(typeof(RecordCsatRequest))]
[JsonSerializable(typeof(SetPriorityRequest))]
[JsonSerializable(typeof(AddTagRequest))]
[JsonSerializable(typeof(ApproveTicketRequest))]
[JsonSerializable(typeof(ImportLine))]
[JsonSerializable(typeof(ImportResponse))]
internal sealed partial class TicketJsonContext : JsonSerializerContext;
