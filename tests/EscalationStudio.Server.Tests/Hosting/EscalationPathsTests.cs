using EscalationStudio.Server.Hosting;
using EscalationStudio.Server.Tests.Org;

namespace EscalationStudio.Server.Tests.Hosting;

public sealed class EscalationPathsTests
{
    [Fact]
    public void RepositoryRoot_IsFoundFromAnyFolderBelowIt()
    {
        var nested = Path.Combine(RepositoryFolder.Path, "src", "EscalationStudio.Server", "Tickets");

        Assert.Equal(RepositoryFolder.Path, RepositoryRoot.Find(nested));
    }

    [Fact]
    public void RepositoryRoot_FallsBackToTheAppBaseDirectoryWhenTheCurrentFolderIsOutside()
    {
        Assert.Equal(RepositoryFolder.Path, RepositoryRoot.Find(Path.GetTempPath(), AppContext.BaseDirectory));
    }

    [Fact]
    public void Resolve_WithoutSettings_UsesTheRepositoryFolders()
    {
        var paths = EscalationPaths.Resolve(new EscalationOptions(), Path.GetTempPath(), AppContext.BaseDirectory);

        Assert.Equal(Path.Combine(RepositoryFolder.Path, "data"), paths.DataPath);
        Assert.Equal(Path.Combine(RepositoryFolder.Path, "workflows"), paths.WorkflowsPath);
        Assert.Equal(Path.Combine(RepositoryFolder.Path, "templates"), paths.TemplatesPath);
        Assert.Equal(Path.Combine(RepositoryFolder.Path, "workflows", "org", "directory.json"), paths.OrgDirectoryFile);
    }

    [Fact]
    public void Resolve_TakesRelativeSettingsFromTheCurrentFolder()
    {
        var current = Path.Combine(Path.GetTempPath(), "somewhere");
        var options = new EscalationOptions { DataPath = "state", WorkflowsPath = "/srv/policies", OrgDirectoryFile = "org/small.json" };

        var paths = EscalationPaths.Resolve(options, current, AppContext.BaseDirectory);

        Assert.Equal(Path.Combine(current, "state"), paths.DataPath);
        Assert.Equal("/srv/policies/org/small.json", paths.OrgDirectoryFile);
    }
}
