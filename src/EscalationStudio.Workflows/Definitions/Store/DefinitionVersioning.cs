namespace EscalationStudio.Workflows.Definitions.Store;

/// <summary>
/// Elsa 3's draft/publish rules (reference §5.1), as pure functions over the versions of one definition. Each
/// returns the versions whose flags or content changed, for the store to save in one transaction.
/// </summary>
public static class DefinitionVersioning
{
    /// <summary>
    /// The version an edit goes to: the latest version while it is unpublished, otherwise a copy of it as version n+1.
    /// </summary>
    public static WorkflowDefinition DraftOf(IReadOnlyList<WorkflowDefinition> versions, string newId, DateTimeOffset now)
    {
        var latest = LatestOf(versions) ?? throw new InvalidOperationException("a definition has at least one version");
        if (!latest.IsPublished)
        {
            return latest;
        }

        var draft = latest.Clone();
        draft.Id = newId;
        draft.Version = versions.Max(v => v.Version) + 1;
        draft.IsLatest = true;
        draft.IsPublished = false;
        draft.CreatedAt = now;
        return draft;
    }

    public static WorkflowDefinition? LatestOf(IReadOnlyList<WorkflowDefinition> versions) =>
        versions.Where(v => v.IsLatest).MaxBy(v => v.Version) ?? versions.MaxBy(v => v.Version);

    /// <summary>Copies what an editor may change from <paramref name="model"/> onto <paramref name="draft"/>.</summary>
    public static void Apply(WorkflowDefinition draft, WorkflowDefinition model)
    {
        draft.Name = model.Name;
        draft.Description = model.Description;
        draft.ToolVersion = model.ToolVersion;
        draft.Variables = model.Variables;
        draft.Inputs = model.Inputs;
        draft.Outputs = model.Outputs;
        draft.Outcomes = model.Outcomes;
        draft.Options = model.Options;
        draft.CustomProperties = DefinitionStamps.Merge(draft.CustomProperties, model.CustomProperties);
        draft.Root = model.Root is null ? null : StableFlowchartOrder.Keep(draft.Root, model.Root);
    }

    public static IReadOnlyList<WorkflowDefinition> SaveDraft(IReadOnlyList<WorkflowDefinition> versions, WorkflowDefinition draft)
    {
        draft.IsLatest = true;
        var changed = new List<WorkflowDefinition> { draft };
        foreach (var other in versions.Where(v => v.Id != draft.Id && v.IsLatest))
        {
            other.IsLatest = false;
            changed.Add(other);
        }
        return changed;
    }

    /// <summary>Makes <paramref name="draft"/> the one published and latest version; the previous one is retracted.</summary>
    public static IReadOnlyList<WorkflowDefinition> Publish(IReadOnlyList<WorkflowDefinition> versions, WorkflowDefinition draft)
    {
        draft.IsLatest = true;
        draft.IsPublished = true;
        draft.CustomProperties.Remove(DefinitionStamps.RetractedAt);
        var changed = new List<WorkflowDefinition> { draft };
        foreach (var other in versions.Where(v => v.Id != draft.Id && (v.IsLatest || v.IsPublished)))
        {
            other.IsLatest = false;
            other.IsPublished = false;
            changed.Add(other);
        }
        return changed;
    }

    /// <summary>Unpublishes every published version; <paramref name="now"/> stamps them retracted (a manager's act, not a removed file).</summary>
    public static IReadOnlyList<WorkflowDefinition> Retract(IReadOnlyList<WorkflowDefinition> versions, DateTimeOffset? now = null)
    {
        var published = versions.Where(v => v.IsPublished).ToList();
        foreach (var version in published)
        {
            version.IsPublished = false;
            if (now is { } at)
            {
                version.CustomProperties[DefinitionStamps.RetractedAt] = at.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return published;
    }

    /// <summary>
    /// Drops the unpublished latest version and makes the highest one left the latest again (Elsa's "discard draft").
    /// Null when there is no draft to discard or it is the only version (delete the policy instead).
    /// </summary>
    public static (WorkflowDefinition Draft, WorkflowDefinition NewLatest)? DiscardDraft(IReadOnlyList<WorkflowDefinition> versions)
    {
        if (LatestOf(versions) is not { IsPublished: false } draft || versions.Count < 2)
        {
            return null;
        }

        var newLatest = versions.Where(v => v.Id != draft.Id).MaxBy(v => v.Version)!;
        newLatest.IsLatest = true;
        return (draft, newLatest);
    }

    /// <summary>
    /// Brings a version read from a policy file into the store. The file is the truth about what is published: when it
    /// says published, every other version stops being published; when it does not, none is. A stored version with a
    /// higher number (an unpublished draft made in Studio) stays the latest.
    /// </summary>
    public static IReadOnlyList<WorkflowDefinition> FromFile(IReadOnlyList<WorkflowDefinition> versions, WorkflowDefinition file)
    {
        var existing = versions.FirstOrDefault(v => v.Version == file.Version);
        if (existing is not null)
        {
            file.Id = existing.Id;
            file.StoredRevision = existing.StoredRevision;
        }
        var hasNewer = versions.Any(v => v.Version > file.Version);
        file.IsLatest = !hasNewer;

        var changed = new List<WorkflowDefinition>();
        if (existing is null || !SameContent(existing, file))
        {
            changed.Add(file);
        }

        foreach (var other in versions.Where(v => v.Version != file.Version))
        {
            var wasLatest = other.IsLatest;
            var wasPublished = other.IsPublished;
            if (file.IsLatest)
            {
                other.IsLatest = false;
            }

            other.IsPublished = false;
            if (other.IsLatest != wasLatest || other.IsPublished != wasPublished)
            {
                changed.Add(other);
            }
        }
        return changed;
    }

    public static bool SameContent(WorkflowDefinition a, WorkflowDefinition b) =>
        WorkflowDefinitionJson.Write(a, includeSchema: false) == WorkflowDefinitionJson.Write(b, includeSchema: false);
}
