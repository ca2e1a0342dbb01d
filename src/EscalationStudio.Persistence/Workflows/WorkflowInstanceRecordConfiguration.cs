using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EscalationStudio.Persistence.Workflows;

internal sealed class WorkflowInstanceRecordConfiguration : IEntityTypeConfiguration<WorkflowInstanceRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowInstanceRecord> builder)
    {
        builder.ToTable("workflow_instances");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasMaxLength(100).ValueGeneratedNever();
        builder.Property(i => i.DefinitionId).HasMaxLength(100);
        builder.Property(i => i.DefinitionVersionId).HasMaxLength(100);
        builder.Property(i => i.CorrelationId).HasMaxLength(200);
        builder.Property(i => i.Status).HasMaxLength(20);
        builder.Property(i => i.SubStatus).HasMaxLength(20);
        builder.HasIndex(i => new { i.DefinitionId, i.SubStatus });
        builder.HasIndex(i => i.CorrelationId);
        builder.HasIndex(i => i.UpdatedAt);
    }
}
