using System.Text.Json;
using RagPlatform.Core.Documents;

namespace RagPlatform.Storage.Entities;

/// <summary>A document's metadata row. Its text, pages, sections and chunks live in their own tables.</summary>
public sealed class DocumentEntity
{
    public Guid Id { get; set; }

    public required string Collection { get; set; }

    public required string Title { get; set; }

    public required string Source { get; set; }

    public required string ContentHash { get; set; }

    public DocumentState State { get; set; }

    public int Pages { get; set; }

    public int ChunkCount { get; set; }

    public long Bytes { get; set; }

    /// <summary>Warnings as a JSON array of strings.</summary>
    public string Warnings { get; set; } = "[]";

    public string? Error { get; set; }

    /// <summary>Authors as a JSON array of strings.</summary>
    public string Authors { get; set; } = "[]";

    /// <summary>The document's own date (yyyy-MM-dd when known).</summary>
    public string? Date { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public static DocumentEntity From(DocumentInfo info) => new()
    {
        Id = info.Id,
        Collection = info.Collection,
        Title = info.Title,
        Source = info.Source,
        ContentHash = info.ContentHash,
        State = info.State,
        Pages = info.Pages,
        ChunkCount = info.Chunks,
        Bytes = info.Bytes,
        Warnings = JsonSerializer.Serialize(info.Warnings, StorageJson.Default.IReadOnlyListString),
        Error = info.Error,
        Authors = JsonSerializer.Serialize(info.Authors, StorageJson.Default.IReadOnlyListString),
        Date = info.Date,
        CreatedAt = info.CreatedAt,
        UpdatedAt = info.UpdatedAt,
    };

    public void CopyFrom(DocumentInfo info)
    {
        Collection = info.Collection;
        Title = info.Title;
        Source = info.Source;
        ContentHash = info.ContentHash;
        State = info.State;
        Pages = info.Pages;
        ChunkCount = info.Chunks;
        Bytes = info.Bytes;
        Warnings = JsonSerializer.Serialize(info.Warnings, StorageJson.Default.IReadOnlyListString);
        Error = info.Error;
        Authors = JsonSerializer.Serialize(info.Authors, StorageJson.Default.IReadOnlyListString);
        Date = info.Date;
        CreatedAt = info.CreatedAt;
        UpdatedAt = info.UpdatedAt;
    }

    public DocumentInfo ToInfo() => new(
        Id, Collection, Title, Source, ContentHash, State, Pages, ChunkCount, Bytes,
        JsonSerializer.Deserialize(Warnings, StorageJson.Default.IReadOnlyListString) ?? [],
        Error, CreatedAt, UpdatedAt)
    {
        Authors = JsonSerializer.Deserialize(Authors, StorageJson.Default.IReadOnlyListString) ?? [],
        Date = Date,
    };
}
