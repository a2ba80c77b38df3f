using Microsoft.EntityFrameworkCore;

namespace RagPlatform.Storage;

/// <summary>
/// The same model on PostgreSQL. A subclass only so that it owns its own migrations (Migrations/Postgres): EF Core
/// picks migrations by context type, and SQLite's column types differ from PostgreSQL's.
/// </summary>
public sealed class PostgresRagDbContext(DbContextOptions<PostgresRagDbContext> options) : RagDbContext(options);
