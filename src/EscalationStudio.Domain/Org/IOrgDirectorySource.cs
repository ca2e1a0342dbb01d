namespace EscalationStudio.Domain.Org;

/// <summary>The org directory currently in force (loaded from <c>workflows/org/</c> by the host).</summary>
public interface IOrgDirectorySource
{
    OrgDirectory Current { get; }
}
