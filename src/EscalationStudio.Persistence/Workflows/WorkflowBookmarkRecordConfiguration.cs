using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EscalationStudio.Persistence.Workflows;

internal sealed class WorkflowBookmarkRecordConfiguration : IEntityTypeConfiguration<WorkflowBookmarkRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowBookmarkRecord> builder)
    {
        builder.ToTable("workflow_bookmarks");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).HasMaxLength(100).ValueGeneratedNever();
        builder.Property(b => b.WorkflowInstanceId).HasMaxLength(100);
        builder.Property(b => b.DefinitionVersionId).HasMaxLength(100);
        builder.Property(b => b.CorrelationId).HasMaxLength(200);
        builder.Property(b => b.Name).HasMaxLength(200);
        builder.Property(b => b.Hash).HasMaxLength(64);
        builder.Property(b => b.ActivityInstanceId).HasMaxLength(200);
        builder.HasIndex(b => b.Hash);
        builder.HasIndex(b => b.WorkflowInstanceId);
        builder.HasIndex(b => b.DueAt);
    }
}
