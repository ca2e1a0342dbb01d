namespace EscalationStudio.Workflows.Activities;

/// <summary>
/// Declares an activity type the way Elsa does: the JSON <c>type</c> is <c>{Namespace}.{Type}</c>, where Type defaults
/// to the class name. Category defaults to the last segment of the namespace.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string @namespace, string? category = null, string? description = null) : Attribute
{
    public string Namespace { get; } = @namespace;
    public string? Category { get; } = category;
    public string? Description { get; } = description;

    /// <summary>Short type name; defaults to the class name.</summary>
    public string? Type { get; set; }

    /// <summary>
    /// Short type names the activity had before a rename: workflow JSON that still says one of them loads as this
    /// activity (and runs under its current name).
    /// </summary>
    public string[] FormerTypes { get; set; } = [];

    public int Version { get; set; } = 1;
    public string? DisplayName { get; set; }
    public ActivityKind Kind { get; set; } = ActivityKind.Action;
}
