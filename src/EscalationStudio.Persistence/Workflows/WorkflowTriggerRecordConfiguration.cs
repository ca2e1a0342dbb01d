using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EscalationStudio.Persistence.Workflows;

internal sealed class WorkflowTriggerRecordConfiguration : IEntityTypeConfiguration<WorkflowTriggerRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowTriggerRecord> builder)
    {
        builder.ToTable("workflow_triggers");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(100).ValueGeneratedNever();
        builder.Property(t => t.WorkflowDefinitionId).HasMaxLength(100);
        builder.Property(t => t.WorkflowDefinitionVersionId).HasMaxLength(100);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.ActivityId).HasMaxLength(100);
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.HasIndex(t => t.Hash);
        builder.HasIndex(t => t.WorkflowDefinitionId);
    }
}
