using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RagPlatform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddAnswerHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Answers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Collection = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Question = table.Column<string>(type: "text", nullable: false),
                    Strategy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DocumentIds = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Supported = table.Column<bool>(type: "boolean", nullable: false),
                    Abstained = table.Column<bool>(type: "boolean", nullable: false),
                    Generator = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "text", nullable: true),
                    CitationCount = table.Column<int>(type: "integer", nullable: false),
                    Citations = table.Column<string>(type: "text", nullable: false),
                    Sentences = table.Column<string>(type: "text", nullable: false),
                    Evidence = table.Column<string>(type: "text", nullable: false),
                    TookMs = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Answers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Answers_Collections_Collection",
                        column: x => x.Collection,
                        principalTable: "Collections",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Answers_Collection_CreatedAt",
                table: "Answers",
                columns: new[] { "Collection", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Answers");
        }
    }
}
