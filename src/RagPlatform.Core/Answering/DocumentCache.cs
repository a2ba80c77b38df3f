using RagPlatform.Core.Documents;
using RagPlatform.Core.Storage;
using RagPlatform.Core.Trees;

namespace RagPlatform.Core.Answering;

/// <summary>
/// The stored documents (text, pages, sections), chunks and structure profiles that recent answers read, kept per
/// document version so an ask does not load a document's whole text from the database, and build its profile, once
/// or twice per question. A version is the database's record of it (id, collection, content hash, title, last update):
/// the text, pages, sections and chunks of one version never change (a replacement commits them with the new hash in
/// one transaction), so an entry is valid exactly while the record the caller just read still matches it. Bounded by
/// the characters of text held (least recently used out first).
/// </summary>
internal sealed class DocumentCache(IMetadataStore store, long maxChars)
{
    private readonly Dictionary<Guid, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recent = new();
    private readonly Lock _lock = new();
    private long _chars;

    /// <summary>The stored document of that version; null when the database no longer holds it.</summary>
    public async Task<StoredDocument?> GetAsync(DocumentInfo version, CancellationToken cancellationToken) =>
        (await EntryAsync(version, cancellationToken))?.Document;

    /// <summary>The structure profile of that version, built once.</summary>
    public async Task<DocumentProfile?> ProfileAsync(DocumentInfo version, CancellationToken cancellationToken) =>
        (await EntryAsync(version, cancellationToken))?.Profile.Value;

    /// <summary>The chunks of that version, in order, read once.</summary>
    public async Task<IReadOnlyList<Chunk>> ChunksAsync(DocumentInfo version, CancellationToken cancellationToken)
    {
        var entry = await EntryAsync(version, cancellationToken);
        if (entry is null)
        {
            return await store.GetChunksAsync(version.Id, cancellationToken);
        }

        if (entry.Chunks is { } cached)
        {
            return cached;
        }

        var chunks = await store.GetChunksAsync(version.Id, cancellationToken);
        // Read after the document: a version committed in between shows up as a changed record on the next ask.
        if (await store.GetDocumentAsync(version.Id, cancellationToken) is { } now && Key.Of(now) == entry.Key)
        {
            entry.Chunks = chunks;
        }

        return chunks;
    }

    /// <summary>
    /// The summary tree of that version, read once; null when it has none. A tree found is kept with the version (it
    /// is written before the version is served); "no tree" is not kept, since recovery may build a missing one later.
    /// </summary>
    public async Task<SummaryTree?> TreeAsync(DocumentInfo version, CancellationToken cancellationToken)
    {
        var entry = await EntryAsync(version, cancellationToken);
        if (entry?.Tree is { } cached)
        {
            return cached;
        }

        var tree = await store.GetTreeAsync(version.Id, cancellationToken);
        // Read after the document, as chunks are: a replacement's tree committed in between is not kept for the old one.
        if (entry is not null && tree is not null && await store.GetDocumentAsync(version.Id, cancellationToken) is { } now && Key.Of(now) == entry.Key)
        {
            entry.Tree = tree;
        }

        return tree;
    }

    private async Task<Entry?> EntryAsync(DocumentInfo version, CancellationToken cancellationToken)
    {
        var key = Key.Of(version);
        lock (_lock)
        {
            if (_entries.TryGetValue(version.Id, out var node))
            {
                if (node.Value.Key == key)
                {
                    _recent.Remove(node);
                    _recent.AddFirst(node);
                    return node.Value;
                }

                Remove(node);
            }
        }

        var stored = await store.GetStoredDocumentAsync(version.Id, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var entry = new Entry(Key.Of(stored.Info), stored);
        if (entry.Key != key || stored.Text.Length > maxChars)
        {
            // The database moved on since the caller's record was read (or the text alone exceeds the bound): serve
            // what was read, keep nothing.
            return entry;
        }

        lock (_lock)
        {
            if (_entries.TryGetValue(version.Id, out var existing))
            {
                Remove(existing);
            }

            _entries[version.Id] = _recent.AddFirst(entry);
            _chars += stored.Text.Length;
            while (_chars > maxChars && _recent.Last is { } oldest)
            {
                Remove(oldest);
            }
        }

        return entry;
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _recent.Remove(node);
        _entries.Remove(node.Value.Document.Info.Id);
        _chars -= node.Value.Document.Text.Length;
    }

    private readonly record struct Key(Guid Id, string Collection, string ContentHash, string Title, DateTimeOffset UpdatedAt, DocumentState State)
    {
        public static Key Of(DocumentInfo info) => new(info.Id, info.Collection, info.ContentHash, info.Title, info.UpdatedAt, info.State);
    }

    private sealed class Entry(Key key, StoredDocument document)
    {
        public Key Key { get; } = key;

        public StoredDocument Document { get; } = document;

        public Lazy<DocumentProfile> Profile { get; } = new(() => DocumentProfile.From(document));

        public IReadOnlyList<Chunk>? Chunks { get; set; }

        public SummaryTree? Tree { get; set; }
    }
}
