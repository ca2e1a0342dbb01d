namespace EscalationStudio.Workflows.Definitions.Store;

/// <summary>Which versions of a definition a query means, as Elsa's <c>versionOptions</c> query string spells it.</summary>
public readonly record struct VersionOptions(VersionSelection Selection, int Version = 0)
{
    public static readonly VersionOptions Latest = new(VersionSelection.Latest);
    public static readonly VersionOptions Published = new(VersionSelection.Published);
    public static readonly VersionOptions LatestOrPublished = new(VersionSelection.LatestOrPublished);
    public static readonly VersionOptions AllVersions = new(VersionSelection.AllVersions);

    public bool Matches(WorkflowDefinition definition) => Selection switch
    {
        VersionSelection.Latest => definition.IsLatest,
        VersionSelection.Published => definition.IsPublished,
        VersionSelection.LatestOrPublished => definition.IsLatest || definition.IsPublished,
        VersionSelection.LatestAndPublished => definition.IsLatest && definition.IsPublished,
        VersionSelection.Draft => !definition.IsPublished,
        VersionSelection.AllVersions => true,
        VersionSelection.SpecificVersion => definition.Version == Version,
        _ => false,
    };

    /// <summary>Reads "Latest", "Published", "LatestOrPublished", "LatestAndPublished", "Draft", "AllVersions" or a number.</summary>
    public static bool TryParse(string? text, out VersionOptions options)
    {
        options = Latest;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (int.TryParse(text, out var number))
        {
            options = new VersionOptions(VersionSelection.SpecificVersion, number);
            return number > 0;
        }
        if (!Enum.TryParse<VersionSelection>(text, ignoreCase: true, out var selection) || selection == VersionSelection.SpecificVersion)
        {
            return false;
        }

        options = new VersionOptions(selection);
        return true;
    }

    public override string ToString() => Selection == VersionSelection.SpecificVersion ? Version.ToString() : Selection.ToString();
}

public enum VersionSelection
{
    Latest,
    Published,
    LatestOrPublished,
    LatestAndPublished,
    Draft,
    AllVersions,
    SpecificVersion,
}
