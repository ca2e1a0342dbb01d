using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EscalationStudio.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddTicketReadMarks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ticket_read_marks",
                columns: table => new
                {
                    Reader = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReadThrough = table.Column<int>(type: "integer", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ticket_read_marks", x => new { x.Reader, x.TicketId });
                    table.ForeignKey(
                        name: "FK_ticket_read_marks_tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ticket_read_marks_TicketId",
                table: "ticket_read_marks",
                column: "TicketId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ticket_read_marks");
        }
    }
}
