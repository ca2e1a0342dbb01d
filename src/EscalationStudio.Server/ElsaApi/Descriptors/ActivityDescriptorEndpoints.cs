using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Descriptors;
using EscalationStudio.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EscalationStudio.Server.ElsaApi.Descriptors;

/// <summary>
/// The toolbox and property panels: descriptors of every activity in the engine's registry, with the dropdowns whose
/// inputs name an options provider filled in from the host's services (tiers, specialist groups, calendars, templates).
/// </summary>
internal static class ActivityDescriptorEndpoints
{
    public static void MapActivityDescriptors(this RouteGroupBuilder descriptors)
    {
        descriptors.MapGet("/activities", ([FromServices] WorkflowEngine engine, [FromServices] IServiceProvider services) =>
            {
                var items = engine.Registry.Descriptors.Select(d => Offered(ToJson(InputOptions.Fill(d, services)), engine)).ToArray();
                return TypedResults.Ok(new JsonObject { ["items"] = new JsonArray(items), ["count"] = items.Length });
            })
            .WithName("ElsaActivityDescriptors").WithSummary("Every activity the runtime can run, as Elsa activity descriptors.");

        descriptors.MapGet("/activities/{typeName}", Results<Ok<JsonObject>, NotFound> (
                    string typeName, int? version, [FromServices] WorkflowEngine engine, [FromServices] IServiceProvider services) =>
                engine.Registry.Find(typeName, version) is { } registration
                    ? TypedResults.Ok(ToJson(InputOptions.Fill(registration.Descriptor, services)))
                    : TypedResults.NotFound())
            .WithName("ElsaActivityDescriptor").WithSummary("One activity descriptor by type name.");
    }

    /// <summary>Run C# stays known (a policy using it loads in the designer) but is not offered where C# is turned off.</summary>
    private static JsonObject Offered(JsonObject descriptor, WorkflowEngine engine)
    {
        if (!engine.ScriptLimits.AllowCSharp && (string?)descriptor["typeName"] == "Elsa.RunCSharp")
        {
            descriptor["isBrowsable"] = false;
        }

        return descriptor;
    }

    private static JsonObject ToJson(ActivityDescriptor descriptor) =>
        JsonSerializer.SerializeToNode(descriptor, WorkflowDefinitionJson.SerializerOptions)!.AsObject();
}
