namespace EscalationStudio.Server.Shell;

/// <summary>
/// The product's areas, in the navigation's order. The managers' dashboard gets its entry here when its page exists
/// (e.g. <c>new("Dashboard", "/insights")</c>); an entry without a page would lead nowhere.
/// </summary>
internal sealed record ProductArea(string Name, string Href)
{
}

internal static class ProductAreas
{
    public static readonly IReadOnlyList<ProductArea> All =
    [
        new("Desk", "/desk"),
        new("Policies", "/studio"),
    ];
}
