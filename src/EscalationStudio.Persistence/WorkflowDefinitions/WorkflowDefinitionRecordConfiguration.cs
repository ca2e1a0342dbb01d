using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EscalationStudio.Persistence.WorkflowDefinitions;

internal sealed class WorkflowDefinitionRecordConfiguration : IEntityTypeConfiguration<WorkflowDefinitionRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionRecord> builder)
    {
        builder.ToTable("workflow_definitions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasMaxLength(100).ValueGeneratedNever();
        builder.Property(d => d.DefinitionId).HasMaxLength(100).IsRequired();
        builder.HasIndex(d => new { d.DefinitionId, d.Version }).IsUnique();
        builder.HasIndex(d => d.IsPublished);
        builder.Property(d => d.Name).HasMaxLength(300);
        builder.Property(d => d.Json).IsRequired();
        builder.Property(d => d.Revision).IsConcurrencyToken();
    }
}
