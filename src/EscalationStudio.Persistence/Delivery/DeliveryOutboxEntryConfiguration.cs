using EscalationStudio.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EscalationStudio.Persistence.Delivery;

internal sealed class DeliveryOutboxEntryConfiguration : IEntityTypeConfiguration<DeliveryOutboxEntry>
{
    public const int ErrorLength = 1000;

    public void Configure(EntityTypeBuilder<DeliveryOutboxEntry> builder)
    {
        builder.ToTable("delivery_outbox");
        builder.HasKey(e => e.Key);
        builder.Property(e => e.Key).HasMaxLength(100).ValueGeneratedNever();
        builder.Property(e => e.Purpose).HasMaxLength(32);
        builder.Property(e => e.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Target).HasMaxLength(TicketLimits.EmailLength);
        builder.Property(e => e.Subject).HasMaxLength(TicketLimits.SubjectLength + 32);
        builder.Property(e => e.LeasedBy).HasMaxLength(200);
        builder.Property(e => e.LastError).HasMaxLength(ErrorLength);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(e => e.TicketId).OnDelete(DeleteBehavior.Cascade);

        // The sender's question: what is neither delivered nor given up, and due first.
        builder.HasIndex(e => new { e.DeliveredAt, e.GaveUpAt, e.NextAttemptAt });
        builder.HasIndex(e => e.TicketId);
    }
}
