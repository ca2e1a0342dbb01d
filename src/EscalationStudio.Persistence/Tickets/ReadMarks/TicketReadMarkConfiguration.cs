using EscalationStudio.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EscalationStudio.Persistence.Tickets.ReadMarks;

internal sealed class TicketReadMarkConfiguration : IEntityTypeConfiguration<TicketReadMark>
{
    public void Configure(EntityTypeBuilder<TicketReadMark> builder)
    {
        builder.ToTable("ticket_read_marks");

        // The inbox asks for one reader's marks on a page of tickets: the key answers it.
        builder.HasKey(m => new { m.Reader, m.TicketId });
        builder.Property(m => m.Reader).HasMaxLength(200);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Cascade);
    }
}
