using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EscalationStudio.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddDefinitionRevision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "workflow_definitions",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Revision",
                table: "workflow_definitions");
        }
    }
}
