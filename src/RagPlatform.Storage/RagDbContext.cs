using Microsoft.EntityFrameworkCore;
using RagPlatform.Storage.Entities;

namespace RagPlatform.Storage;

/// <summary>The metadata database: collections, documents with their text, pages, sections and chunks, and jobs.</summary>
public class RagDbContext(DbContextOptions<RagDbContext> options) : DbContext(options)
{
    internal DbSet<CollectionRow> Collections => Set<CollectionRow>();

    internal DbSet<DocumentRow> Documents => Set<DocumentRow>();

    internal DbSet<DocumentTextRow> Texts => Set<DocumentTextRow>();

    internal DbSet<PageRow> Pages => Set<PageRow>();

    internal DbSet<SectionRow> Sections => Set<SectionRow>();

    internal DbSet<ChunkRow> Chunks => Set<ChunkRow>();

    internal DbSet<JobRow> Jobs => Set<JobRow>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CollectionRow>(e =>
        {
            e.ToTable("collections");
            e.HasKey(c => c.Name);
            e.Property(c => c.Name).HasMaxLength(64);
        });

        modelBuilder.Entity<DocumentRow>(e =>
        {
            e.ToTable("documents");
            e.HasKey(d => d.Id);
            e.Property(d => d.Collection).HasMaxLength(64);
            e.Property(d => d.State).HasMaxLength(16);
            e.Property(d => d.ContentHash).HasMaxLength(64);
            e.HasIndex(d => new { d.Collection, d.Source }).IsUnique();
            e.HasIndex(d => d.State);
            e.HasOne<CollectionRow>().WithMany().HasForeignKey(d => d.Collection).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<DocumentTextRow>(e =>
        {
            e.ToTable("document_texts");
            e.HasKey(t => t.DocumentId);
            e.HasOne<DocumentRow>().WithOne().HasForeignKey<DocumentTextRow>(t => t.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PageRow>(e =>
        {
            e.ToTable("pages");
            e.HasKey(p => new { p.DocumentId, p.Number });
            e.HasOne<DocumentRow>().WithMany().HasForeignKey(p => p.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SectionRow>(e =>
        {
            e.ToTable("sections");
            e.HasKey(s => new { s.DocumentId, s.Ordinal });
            e.HasOne<DocumentRow>().WithMany().HasForeignKey(s => s.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ChunkRow>(e =>
        {
            e.ToTable("chunks");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).HasMaxLength(48);
            e.HasIndex(c => new { c.DocumentId, c.Ordinal }).IsUnique();
            e.HasOne<DocumentRow>().WithMany().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<JobRow>(e =>
        {
            e.ToTable("jobs");
            e.HasKey(j => j.Id);
            e.Property(j => j.State).HasMaxLength(16);
            e.HasIndex(j => new { j.State, j.CreatedAt });
        });
    }
}
