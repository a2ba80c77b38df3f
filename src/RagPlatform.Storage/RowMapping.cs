using System.Text.Json;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Jobs;
using RagPlatform.Storage.Entities;

namespace RagPlatform.Storage;

/// <summary>Conversions between rows and Core's records.</summary>
internal static class RowMapping
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static long Ticks(DateTimeOffset time) => time.UtcTicks;

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    public static DocumentInfo ToInfo(DocumentRow row) => new(
        row.Id,
        row.Collection,
        row.Title,
        row.Source,
        row.ContentHash,
        Enum.Parse<DocumentState>(row.State),
        row.Pages,
        row.Chunks,
        row.Bytes,
        JsonSerializer.Deserialize<List<string>>(row.Warnings, s_json) ?? [],
        row.Error,
        Time(row.CreatedAt),
        Time(row.UpdatedAt));

    public static void Copy(DocumentInfo info, DocumentRow row)
    {
        row.Collection = info.Collection;
        row.Title = info.Title;
        row.Source = info.Source;
        row.ContentHash = info.ContentHash;
        row.State = info.State.ToString();
        row.Pages = info.Pages;
        row.Chunks = info.Chunks;
        row.Bytes = info.Bytes;
        row.Warnings = JsonSerializer.Serialize(info.Warnings, s_json);
        row.Error = info.Error;
        row.CreatedAt = Ticks(info.CreatedAt);
        row.UpdatedAt = Ticks(info.UpdatedAt);
    }

    public static DocumentRow ToRow(DocumentInfo info)
    {
        var row = new DocumentRow { Id = info.Id, Collection = info.Collection, Title = info.Title, Source = info.Source, ContentHash = info.ContentHash, State = info.State.ToString() };
        Copy(info, row);
        return row;
    }

    public static Chunk ToChunk(ChunkRow row)
        => new(row.Id, row.DocumentId, row.Ordinal, row.CharStart, row.CharEnd, row.PageStart, row.PageEnd, row.Section, row.Text);

    public static ChunkRow ToRow(Chunk chunk) => new()
    {
        Id = chunk.Id,
        DocumentId = chunk.DocumentId,
        Ordinal = chunk.Ordinal,
        CharStart = chunk.CharStart,
        CharEnd = chunk.CharEnd,
        PageStart = chunk.PageStart,
        PageEnd = chunk.PageEnd,
        Section = chunk.Section,
        Text = chunk.Text,
    };

    public static JobInfo ToJob(JobRow row) => new()
    {
        Id = row.Id,
        Collection = row.Collection,
        Path = row.Path,
        State = Enum.Parse<JobState>(row.State),
        IsUpload = row.IsUpload,
        Prune = row.Prune,
        Total = row.Total,
        Processed = row.Processed,
        Added = row.Added,
        Updated = row.Updated,
        Unchanged = row.Unchanged,
        Removed = row.Removed,
        Failed = row.Failed,
        Pages = row.Pages,
        Chunks = row.Chunks,
        Errors = JsonSerializer.Deserialize<List<FileError>>(row.Errors, s_json) ?? [],
        Error = row.Error,
        CreatedAt = Time(row.CreatedAt),
        StartedAt = row.StartedAt is { } s ? Time(s) : null,
        FinishedAt = row.FinishedAt is { } f ? Time(f) : null,
    };

    public static void Copy(JobInfo job, JobRow row)
    {
        row.Collection = job.Collection;
        row.Path = job.Path;
        row.State = job.State.ToString();
        row.IsUpload = job.IsUpload;
        row.Prune = job.Prune;
        row.Total = job.Total;
        row.Processed = job.Processed;
        row.Added = job.Added;
        row.Updated = job.Updated;
        row.Unchanged = job.Unchanged;
        row.Removed = job.Removed;
        row.Failed = job.Failed;
        row.Pages = job.Pages;
        row.Chunks = job.Chunks;
        row.Errors = JsonSerializer.Serialize(job.Errors, s_json);
        row.Error = job.Error;
        row.CreatedAt = Ticks(job.CreatedAt);
        row.StartedAt = job.StartedAt is { } s ? Ticks(s) : null;
        row.FinishedAt = job.FinishedAt is { } f ? Ticks(f) : null;
    }
}
