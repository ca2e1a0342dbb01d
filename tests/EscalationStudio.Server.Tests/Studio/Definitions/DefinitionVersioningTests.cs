using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;

namespace EscalationStudio.Server.Tests.Studio.Definitions;

/// <summary>Elsa 3's draft/publish rules (reference §5.1) on the versions of one definition.</summary>
public sealed class DefinitionVersioningTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DraftOf_an_unpublished_latest_version_is_that_version_itself()
    {
        var draft = Version(1, latest: true, published: false);

        Assert.Same(draft, DefinitionVersioning.DraftOf([draft], "new-id", Now));
    }

    [Fact]
    public void DraftOf_a_published_latest_version_is_a_copy_numbered_one_higher()
    {
        var v1 = Version(1, latest: false, published: false);
        var v2 = Version(2, latest: true, published: true);

        var draft = DefinitionVersioning.DraftOf([v1, v2], "new-id", Now);

        Assert.NotSame(v2, draft);
        Assert.Equal(("new-id", 3, true, false, Now), (draft.Id, draft.Version, draft.IsLatest, draft.IsPublished, draft.CreatedAt));
        Assert.True(v2.IsPublished);
    }

    [Fact]
    public void SaveDraft_makes_the_draft_latest_and_takes_latest_from_the_published_version_but_not_published()
    {
        var v1 = Version(1, latest: true, published: true);
        var draft = DefinitionVersioning.DraftOf([v1], "v2", Now);

        var changed = DefinitionVersioning.SaveDraft([v1], draft);

        Assert.Equal(["v2", "v1"], changed.Select(v => v.Id));
        Assert.False(v1.IsLatest);
        Assert.True(v1.IsPublished);
        Assert.True(draft.IsLatest);
    }

    [Fact]
    public void Publish_clears_both_flags_on_every_other_latest_or_published_version()
    {
        var v1 = Version(1, latest: false, published: true);
        var v2 = Version(2, latest: true, published: false);
        var v3 = Version(3, latest: false, published: false);

        var changed = DefinitionVersioning.Publish([v1, v2, v3], v3);

        Assert.Equal(["v3", "v1", "v2"], changed.Select(v => v.Id));
        Assert.Equal((true, true), (v3.IsLatest, v3.IsPublished));
        Assert.Equal((false, false), (v1.IsLatest, v1.IsPublished));
        Assert.Equal((false, false), (v2.IsLatest, v2.IsPublished));
    }

    [Fact]
    public void Retract_unpublishes_and_reports_only_the_published_version()
    {
        var v1 = Version(1, latest: false, published: false);
        var v2 = Version(2, latest: true, published: true);

        var changed = DefinitionVersioning.Retract([v1, v2]);

        Assert.Equal(["v2"], changed.Select(v => v.Id));
        Assert.Equal((true, false), (v2.IsLatest, v2.IsPublished));
    }

    [Fact]
    public void FromFile_keeps_a_newer_Studio_draft_latest_while_the_file_version_becomes_the_published_one()
    {
        var v1 = Version(1, latest: false, published: true);
        var draft = Version(2, latest: true, published: false);
        var file = Version(1, latest: true, published: true);
        file.Id = "written-by-hand";
        file.Description = "edited in git";

        var changed = DefinitionVersioning.FromFile([v1, draft], file);

        Assert.Equal("v1", file.Id);
        Assert.False(file.IsLatest);
        Assert.True(draft.IsLatest);
        Assert.Contains(file, changed);
        Assert.DoesNotContain(draft, changed);
    }

    [Fact]
    public void FromFile_with_identical_content_changes_nothing()
    {
        var v1 = Version(1, latest: true, published: true);

        var changed = DefinitionVersioning.FromFile([v1], v1.Clone());

        Assert.Empty(changed);
    }

    [Fact]
    public void FromFile_marked_unpublished_leaves_no_version_published()
    {
        var v1 = Version(1, latest: false, published: true);
        var file = Version(2, latest: true, published: false);

        var changed = DefinitionVersioning.FromFile([v1], file);

        Assert.False(v1.IsPublished);
        Assert.False(v1.IsLatest);
        Assert.Equal(2, changed.Count);
    }

    private static WorkflowDefinition Version(int number, bool latest, bool published) => new()
    {
        Id = $"v{number}",
        DefinitionId = "policy",
        Name = "Policy",
        Version = number,
        IsLatest = latest,
        IsPublished = published,
        CreatedAt = Now.AddDays(-10 + number),
    };
}
