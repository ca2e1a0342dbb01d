using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EscalationStudio.Persistence.Workflows;

internal sealed class WorkflowIncidentRecordConfiguration : IEntityTypeConfiguration<WorkflowIncidentRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowIncidentRecord> builder)
    {
        builder.ToTable("workflow_incidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.WorkflowInstanceId).HasMaxLength(100);
        builder.Property(i => i.ActivityId).HasMaxLength(100);
        builder.Property(i => i.ActivityNodeId).HasMaxLength(1000);
        builder.Property(i => i.ActivityType).HasMaxLength(200);
        builder.Property(i => i.ExceptionType).HasMaxLength(300);
        builder.HasIndex(i => i.WorkflowInstanceId);
        builder.HasIndex(i => i.Timestamp);
    }
}
