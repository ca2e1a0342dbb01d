using System.Text.Json;
using EscalationStudio.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EscalationStudio.Persistence.Tickets;

internal sealed class TicketEventConfiguration : IEntityTypeConfiguration<TicketEvent>
{
    public void Configure(EntityTypeBuilder<TicketEvent> builder)
    {
        builder.ToTable("ticket_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Actor).HasConversion<ActorConversion>().HasMaxLength(ActorConversion.MaxLength);

        // Event details as a JSON object of text values: readable in the database and stable for replays.
        builder.Property(e => e.Data)
            .HasConversion(
                data => JsonSerializer.Serialize(data, (JsonSerializerOptions?)null),
                json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, (JsonSerializerOptions?)null) ?? new Dictionary<string, string>(),
                TicketValueComparers.Data)
            .IsRequired();

        builder.HasOne<Ticket>().WithMany().HasForeignKey(e => e.TicketId).OnDelete(DeleteBehavior.Cascade);

        // One sequence number per ticket, once: the timeline's order, and a second guard against lost updates.
        builder.HasIndex(e => new { e.TicketId, e.Sequence }).IsUnique();
        builder.HasIndex(e => e.OccurredAt);
    }
}
