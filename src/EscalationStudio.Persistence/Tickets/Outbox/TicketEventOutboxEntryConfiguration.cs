using EscalationStudio.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EscalationStudio.Persistence.Tickets.Outbox;

internal sealed class TicketEventOutboxEntryConfiguration : IEntityTypeConfiguration<TicketEventOutboxEntry>
{
    public void Configure(EntityTypeBuilder<TicketEventOutboxEntry> builder)
    {
        builder.ToTable("ticket_event_outbox");
        builder.HasKey(e => e.TicketId);
        builder.Property(e => e.TicketId).ValueGeneratedNever();
        builder.HasOne<Ticket>().WithMany().HasForeignKey(e => e.TicketId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.RecordedAt);
    }
}
