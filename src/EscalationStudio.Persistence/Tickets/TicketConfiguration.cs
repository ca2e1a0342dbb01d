using EscalationStudio.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EscalationStudio.Persistence.Tickets;

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> builder)
    {
        builder.ToTable("tickets");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Subject).HasMaxLength(TicketLimits.SubjectLength).IsRequired();
        builder.Property(t => t.Description).IsRequired();
        builder.Property(t => t.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Priority).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.TierId).HasMaxLength(TicketLimits.IdLength).IsRequired();
        builder.Property(t => t.OwnerAgentId).HasMaxLength(TicketLimits.IdLength);

        // The event count doubles as the optimistic-concurrency token: two writers that loaded the same version
        // cannot both commit, so no event sequence number is ever used twice.
        builder.Property(t => t.Version).IsConcurrencyToken();

        builder.PrimitiveCollection(t => t.Tags).HasField("_tags").UsePropertyAccessMode(PropertyAccessMode.Field)
            .Metadata.SetValueComparer(TicketValueComparers.Tags);

        builder.HasOne(t => t.Requester).WithMany().HasForeignKey(t => t.RequesterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.Messages).WithOne().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Messages).HasField("_messages").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(t => t.UncommittedEvents);
        builder.Ignore(t => t.IsActive);

        builder.HasIndex(t => new { t.Status, t.CreatedAt });
        builder.HasIndex(t => new { t.TierId, t.Status });
        builder.HasIndex(t => t.OwnerAgentId);
        builder.HasIndex(t => t.CreatedAt);
    }
}
