using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;

namespace EscalationStudio.Server.Tests.Studio.Definitions;

public sealed class VersionOptionsTests
{
    [Theory]
    [InlineData("Latest", true, false, true)]
    [InlineData("latest", true, false, true)]
    [InlineData("Published", false, true, true)]
    [InlineData("LatestAndPublished", false, false, true)]
    [InlineData("LatestOrPublished", true, true, true)]
    [InlineData("Draft", true, false, false)]
    [InlineData("AllVersions", true, true, true)]
    public void Parsed_options_match_the_versions_Elsa_means(string text, bool latestDraft, bool oldPublished, bool latestPublished)
    {
        Assert.True(VersionOptions.TryParse(text, out var options));

        Assert.Equal(latestDraft, options.Matches(new WorkflowDefinition { IsLatest = true, IsPublished = false }));
        Assert.Equal(oldPublished, options.Matches(new WorkflowDefinition { IsLatest = false, IsPublished = true }));
        Assert.Equal(latestPublished, options.Matches(new WorkflowDefinition { IsLatest = true, IsPublished = true }));
    }

    [Fact]
    public void A_number_selects_that_version_and_nothing_means_latest()
    {
        Assert.True(VersionOptions.TryParse("3", out var three));
        Assert.True(VersionOptions.TryParse(null, out var none));

        Assert.True(three.Matches(new WorkflowDefinition { Version = 3, IsLatest = false }));
        Assert.False(three.Matches(new WorkflowDefinition { Version = 2, IsLatest = true }));
        Assert.Equal(VersionOptions.Latest, none);
    }

    [Theory]
    [InlineData("Newest")]
    [InlineData("0")]
    [InlineData("SpecificVersion")]
    public void Unknown_values_are_refused(string text) => Assert.False(VersionOptions.TryParse(text, out _));
}
