using System.Text.Json;
using System.Text.Json.Serialization;

namespace EscalationStudio.Cli.Histories;

/// <summary>Source-generated JSON for the history lines: a million lines are read per benchmark run.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ExportedEvent))]
internal sealed partial class HistoryJson : JsonSerializerContext;
