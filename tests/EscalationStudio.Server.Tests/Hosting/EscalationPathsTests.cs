using EscalationStudio.Server.Hosting;
using EscalationStudio.Server.Tests.Org;

namespace EscalationStudio.Server.Tests.Hosting;

public sealed class EscalationPathsTests
{
    [Fact]
    public void RepositoryRoot_is_found_from_any_folder_below_it()
    {
        var nested = Path.Combine(RepositoryFolder.Path, "src", "EscalationStudio.Server", "Tickets");

        Assert.Equal(RepositoryFolder.Path, RepositoryRoot.Find(nested));
    }

    [Fact]
    public void RepositoryRoot_falls_back_to_the_app_base_directory_when_the_current_folder_is_outside()
    {
        Assert.Equal(RepositoryFolder.Path, RepositoryRoot.Find(Path.GetTempPath(), AppContext.BaseDirectory));
    }

    [Fact]
    public void Resolve_without_settings_uses_the_repository_folders()
    {
        var paths = EscalationPaths.Resolve(new EscalationOptions(), Path.GetTempPath(), AppContext.BaseDirectory);

        Assert.Equal(Path.Combine(RepositoryFolder.Path, "data"), paths.DataPath);
        Assert.Equal(Path.Combine(RepositoryFolder.Path, "workflows"), paths.WorkflowsPath);
        Assert.Equal(Path.Combine(RepositoryFolder.Path, "templates"), paths.TemplatesPath);
        Assert.Equal(Path.Combine(RepositoryFolder.Path, "workflows", "org", "directory.json"), paths.OrgDirectoryFile);
    }

    [Fact]
    public void Resolve_takes_relative_settings_from_the_current_folder()
    {
        var current = Path.Combine(Path.GetTempPath(), "somewhere");
        var options = new EscalationOptions { DataPath = "state", WorkflowsPath = "/srv/policies", OrgDirectoryFile = "org/small.json" };

        var paths = EscalationPaths.Resolve(options, current, AppContext.BaseDirectory);

        Assert.Equal(Path.Combine(current, "state"), paths.DataPath);
        Assert.Equal("/srv/policies/org/small.json", paths.OrgDirectoryFile);
    }
}
