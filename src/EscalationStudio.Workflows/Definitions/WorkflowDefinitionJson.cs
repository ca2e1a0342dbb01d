using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EscalationStudio.Workflows.Definitions;

/// <summary>
/// Reads and writes workflow definitions in Elsa 3's JSON. Writing uses one fixed property order and indentation so
/// that a policy file in git diffs only where the policy changed.
/// </summary>
public static class WorkflowDefinitionJson
{
    public const string SchemaUrl = "https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json";

    /// <summary>camelCase, case-insensitive reads, string enums, nulls omitted: Elsa's API settings.</summary>
    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string[] KnownProperties =
    [
        "$schema", "id", "definitionId", "tenantId", "name", "description", "createdAt", "version", "toolVersion",
        "variables", "inputs", "outputs", "outcomes", "customProperties", "isReadonly", "isSystem", "isLatest",
        "isPublished", "options", "usableAsActivity", "root",
    ];

    public static WorkflowDefinition Parse(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new WorkflowDefinitionFormatException($"not valid JSON ({e.Message})", e.Path, e);
        }

        return node is JsonObject obj
            ? FromJson(obj)
            : throw new WorkflowDefinitionFormatException("a workflow definition must be a JSON object");
    }

    public static WorkflowDefinition FromJson(JsonObject obj)
    {
        var lookup = obj.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        JsonNode? Get(string name) => lookup.GetValueOrDefault(name);

        var definition = new WorkflowDefinition
        {
            Id = ReadString(Get("id"), "id") ?? "",
            DefinitionId = ReadString(Get("definitionId"), "definitionId") ?? "",
            TenantId = ReadString(Get("tenantId"), "tenantId"),
            Name = ReadString(Get("name"), "name")?.Trim(),
            Description = ReadString(Get("description"), "description")?.Trim(),
            CreatedAt = Read<DateTimeOffset?>(Get("createdAt"), "createdAt") ?? default,
            Version = Read<int?>(Get("version"), "version") ?? 1,
            ToolVersion = ReadString(Get("toolVersion"), "toolVersion"),
            Variables = Read<List<VariableDefinition>>(Get("variables"), "variables") ?? [],
            Inputs = Read<List<InputDefinition>>(Get("inputs"), "inputs") ?? [],
            Outputs = Read<List<OutputDefinition>>(Get("outputs"), "outputs") ?? [],
            Outcomes = Read<List<string>>(Get("outcomes"), "outcomes") ?? [],
            CustomProperties = Get("customProperties") is JsonObject custom ? (JsonObject)custom.DeepClone() : [],
            IsReadonly = Read<bool?>(Get("isReadonly"), "isReadonly") ?? false,
            IsSystem = Read<bool?>(Get("isSystem"), "isSystem") ?? false,
            IsLatest = Read<bool?>(Get("isLatest"), "isLatest") ?? true,
            IsPublished = Read<bool?>(Get("isPublished"), "isPublished") ?? false,
            Options = Read<WorkflowOptions>(Get("options"), "options") ?? new WorkflowOptions(),
            Root = Get("root") switch
            {
                null => null,
                JsonObject root => (JsonObject)root.DeepClone(),
                _ => throw new WorkflowDefinitionFormatException("must be an activity object", "root"),
            },
        };

        // Older files carry the flag at the top level; Elsa copies it into the options on read.
        if (Read<bool?>(Get("usableAsActivity"), "usableAsActivity") is { } usable)
        {
            definition.Options.UsableAsActivity ??= usable;
        }

        foreach (var (key, value) in obj)
        {
            if (!KnownProperties.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                definition.Extra[key] = value?.DeepClone();
            }
        }

        return definition;
    }

    /// <summary>The definition as a JSON object, in the fixed order Elsa's export uses.</summary>
    public static JsonObject ToJson(WorkflowDefinition definition, bool includeSchema)
    {
        var obj = new JsonObject();
        if (includeSchema)
        {
            obj["$schema"] = SchemaUrl;
        }

        obj["id"] = definition.Id;
        obj["definitionId"] = definition.DefinitionId;
        if (definition.TenantId is not null)
        {
            obj["tenantId"] = definition.TenantId;
        }

        if (definition.Name is not null)
        {
            obj["name"] = definition.Name;
        }

        if (definition.Description is not null)
        {
            obj["description"] = definition.Description;
        }

        obj["createdAt"] = JsonSerializer.SerializeToNode(definition.CreatedAt, SerializerOptions);
        obj["version"] = definition.Version;
        if (definition.ToolVersion is not null)
        {
            obj["toolVersion"] = definition.ToolVersion;
        }

        obj["variables"] = JsonSerializer.SerializeToNode(definition.Variables, SerializerOptions);
        obj["inputs"] = JsonSerializer.SerializeToNode(definition.Inputs, SerializerOptions);
        obj["outputs"] = JsonSerializer.SerializeToNode(definition.Outputs, SerializerOptions);
        obj["outcomes"] = JsonSerializer.SerializeToNode(definition.Outcomes, SerializerOptions);
        obj["customProperties"] = definition.CustomProperties.DeepClone();
        obj["isReadonly"] = definition.IsReadonly;
        obj["isSystem"] = definition.IsSystem;
        obj["isLatest"] = definition.IsLatest;
        obj["isPublished"] = definition.IsPublished;
        obj["options"] = JsonSerializer.SerializeToNode(definition.Options, SerializerOptions);
        foreach (var (key, value) in definition.Extra)
        {
            obj[key] = value?.DeepClone();
        }

        obj["root"] = definition.Root?.DeepClone();
        return obj;
    }

    public static string Write(WorkflowDefinition definition, bool includeSchema = true)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            ToJson(definition, includeSchema).WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string? ReadString(JsonNode? node, string field) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => throw new WorkflowDefinitionFormatException("must be a string", field),
    };

    private static T? Read<T>(JsonNode? node, string field)
    {
        if (node is null)
        {
            return default;
        }

        try
        {
            return node.Deserialize<T>(SerializerOptions);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new WorkflowDefinitionFormatException($"has the wrong shape ({e.Message})", field, e);
        }
    }
}
