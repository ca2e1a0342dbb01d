using EscalationStudio.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EscalationStudio.Persistence.Tickets;

internal sealed class TicketMessageConfiguration : IEntityTypeConfiguration<TicketMessage>
{
    public void Configure(EntityTypeBuilder<TicketMessage> builder)
    {
        builder.ToTable("ticket_messages");
        builder.HasKey(m => m.Id);

        // Ids are made by the domain (time-ordered v7), so a message found in a ticket's collection is new.
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Author).HasConversion<ActorConversion>().HasMaxLength(ActorConversion.MaxLength);
        builder.Property(m => m.Body).IsRequired();
        builder.Ignore(m => m.IsPublic);
        builder.HasIndex(m => new { m.TicketId, m.Sequence }).IsUnique();
    }
}
