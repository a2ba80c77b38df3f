using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Jobs;
using RagPlatform.Storage.Entities;

namespace RagPlatform.Storage;

/// <summary>
/// The metadata database. Times are stored as UTC ticks (long) so ordering and comparisons work on SQLite, which
/// cannot order DateTimeOffset; enums are stored as their names. Deleting a document cascades to its rows.
/// The ASP.NET Core Identity tables (accounts, roles, claims holding collection scopes) live in the same database.
/// </summary>
public class RagDbContext : IdentityDbContext<IdentityUser>
{
    public RagDbContext(DbContextOptions<RagDbContext> options)
        : base(options)
    {
    }

    /// <summary>For provider-specific subclasses that carry their own migrations (<see cref="PostgresRagDbContext"/>).</summary>
    protected RagDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<CollectionEntity> Collections => Set<CollectionEntity>();

    public DbSet<DocumentEntity> Documents => Set<DocumentEntity>();

    public DbSet<DocumentTextEntity> DocumentTexts => Set<DocumentTextEntity>();

    public DbSet<PageEntity> Pages => Set<PageEntity>();

    public DbSet<SectionEntity> Sections => Set<SectionEntity>();

    public DbSet<ChunkEntity> Chunks => Set<ChunkEntity>();

    public DbSet<JobEntity> Jobs => Set<JobEntity>();

    public DbSet<TreeNodeEntity> TreeNodes => Set<TreeNodeEntity>();

    public DbSet<AnswerEntity> Answers => Set<AnswerEntity>();

    public DbSet<ApiKeyEntity> ApiKeys => Set<ApiKeyEntity>();

    public DbSet<AuditEntity> Audit => Set<AuditEntity>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DocumentState>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<JobState>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<JobHost>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Revoked keys stay (who had one, and when it stopped) until their user is deleted.
        builder.Entity<ApiKeyEntity>(e =>
        {
            e.ToTable("ApiKeys");
            e.HasKey(k => k.Id);
            e.Property(k => k.Name).HasMaxLength(64);
            e.Property(k => k.Prefix).HasMaxLength(16);
            e.Property(k => k.Hash).HasMaxLength(64);
            e.HasIndex(k => k.Hash).IsUnique();
            e.HasOne<IdentityUser>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        // The audit trail names actors and collections as text: it outlives accounts, keys and collections.
        builder.Entity<AuditEntity>(e =>
        {
            e.ToTable("Audit");
            e.HasKey(a => a.Id);
            e.Property(a => a.Actor).HasMaxLength(256);
            e.Property(a => a.Action).HasMaxLength(16);
            e.Property(a => a.Collection).HasMaxLength(64);
            e.Property(a => a.Detail).HasMaxLength(256);
            e.HasIndex(a => a.At);
        });

        builder.Entity<CollectionEntity>(e =>
        {
            e.ToTable("Collections");
            e.HasKey(c => c.Name);
            e.Property(c => c.Name).HasMaxLength(64);
        });

        builder.Entity<DocumentEntity>(e =>
        {
            e.ToTable("Documents");
            e.HasKey(d => d.Id);
            e.Property(d => d.Collection).HasMaxLength(64);
            e.Property(d => d.ContentHash).HasMaxLength(64);
            e.Property(d => d.Date).HasMaxLength(32);
            e.HasOne<CollectionEntity>().WithMany().HasForeignKey(d => d.Collection).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(d => new { d.Collection, d.Source }).IsUnique();
            e.HasIndex(d => d.State);
        });

        builder.Entity<DocumentTextEntity>(e =>
        {
            e.ToTable("DocumentTexts");
            e.HasKey(t => t.DocumentId);
            e.HasOne<DocumentEntity>().WithOne().HasForeignKey<DocumentTextEntity>(t => t.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PageEntity>(e =>
        {
            e.ToTable("Pages");
            e.HasKey(p => new { p.DocumentId, p.Number });
            e.HasOne<DocumentEntity>().WithMany().HasForeignKey(p => p.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SectionEntity>(e =>
        {
            e.ToTable("Sections");
            e.HasKey(s => new { s.DocumentId, s.Ordinal });
            e.HasOne<DocumentEntity>().WithMany().HasForeignKey(s => s.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ChunkEntity>(e =>
        {
            e.ToTable("Chunks");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).HasMaxLength(48);
            e.HasOne<DocumentEntity>().WithMany().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.DocumentId, c.Ordinal }).IsUnique();
        });

        builder.Entity<TreeNodeEntity>(e =>
        {
            e.ToTable("TreeNodes");
            e.HasKey(n => new { n.DocumentId, n.NodeId });
            e.HasOne<DocumentEntity>().WithMany().HasForeignKey(n => n.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        // Answers outlive the documents they cite (titles and quotes are kept) but not their collection.
        builder.Entity<AnswerEntity>(e =>
        {
            e.ToTable("Answers");
            e.HasKey(a => a.Id);
            e.Property(a => a.Collection).HasMaxLength(64);
            e.Property(a => a.Strategy).HasMaxLength(16);
            e.Property(a => a.Generator).HasMaxLength(16);
            e.HasOne<CollectionEntity>().WithMany().HasForeignKey(a => a.Collection).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(a => new { a.Collection, a.CreatedAt });
        });

        builder.Entity<JobEntity>(e =>
        {
            e.ToTable("Jobs");
            e.HasKey(j => j.Id);
            e.Property(j => j.Collection).HasMaxLength(64);
            e.Property(j => j.WorkerId).HasMaxLength(128);
            e.Property(j => j.Step).HasMaxLength(JobEntity.StepMaxLength);
            e.HasIndex(j => new { j.State, j.CreatedAt });
            e.HasIndex(j => new { j.Collection, j.State });
        });
    }
}
