using EscalationStudio.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EscalationStudio.Persistence.Tickets.Outbox;

internal sealed class AppliedTicketCommandConfiguration : IEntityTypeConfiguration<AppliedTicketCommand>
{
    public const int MaxKeyLength = 64;

    public void Configure(EntityTypeBuilder<AppliedTicketCommand> builder)
    {
        builder.ToTable("applied_ticket_commands");
        builder.HasKey(e => new { e.TicketId, e.Key });
        builder.Property(e => e.Key).HasMaxLength(MaxKeyLength);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(e => e.TicketId).OnDelete(DeleteBehavior.Cascade);
    }
}
