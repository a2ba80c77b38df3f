using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using RagPlatform.Core.Diagnostics;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Indexing;

/// <summary>
/// The stage before the writer: reads, hashes, decodes and chunks one file or text record (safe to run in parallel).
/// Unchanged inputs are skipped by content hash; a file that cannot be read or decoded gets a Failed record (or, when
/// a good version is served, a note on it) and never reaches the writer.
/// </summary>
internal sealed class DocumentPreparer(
    IMetadataStore store,
    IDocumentDecoder decoder,
    IChunker chunker,
    IngestionOptions options,
    FileAdmission admission,
    TimeProvider time,
    ILogger logger)
{
    public async Task<PreparedInput> PrepareFileAsync(string collection, SourceFile input, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await ReadInputAsync(input, cancellationToken);
        }
        catch (Exception ex) when (ex is DocumentFormatException or IOException or UnauthorizedAccessException)
        {
            var message = ex is DocumentFormatException ? ex.Message : $"cannot read the file: {ex.Message}";
            return new PreparedInput(null, null, Outcome.Failed(message));
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var existing = await store.FindDocumentBySourceAsync(collection, input.Source, cancellationToken);
        if (existing is { State: DocumentState.Indexed } && existing.ContentHash == hash)
        {
            return new PreparedInput(null, null, Outcome.Unchanged);
        }

        var id = existing?.Id ?? Guid.CreateVersion7(time.GetUtcNow());
        var now = time.GetUtcNow();
        DocumentText text;
        IReadOnlyList<Chunk> chunks;
        var budget = options.DecodeBudget(bytes.LongLength);
        using var timeout = new CancellationTokenSource(budget, time);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using (RagActivity.Source.StartActivity("decode"))
            {
                text = decoder.Decode(bytes, Path.GetFileName(input.Source), bounded.Token);
            }

            using (RagActivity.Source.StartActivity("chunk"))
            {
                chunks = chunker.Split(id, text, bounded.Token);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var message = ex is DocumentFormatException ? ex.Message
                : ex is OperationCanceledException && timeout.IsCancellationRequested
                    ? string.Create(CultureInfo.InvariantCulture, $"decoding took longer than its budget of {budget.TotalSeconds:0.###} s (Ingestion:DecodeTimeout, Ingestion:DecodeTimeoutPerMegabyte)")
                    : $"cannot decode the file: {ex.Message}";
            Log.DecodeFailed(logger, ex, input.Source);
            if (existing is null || existing.State != DocumentState.Indexed)
            {
                // Keep a Failed record so users see what happened; an earlier good version is never replaced by a failure.
                await store.UpsertDocumentInfoAsync(
                    new DocumentInfo(id, collection, Path.GetFileName(input.Source), input.Source, hash, DocumentState.Failed,
                        0, 0, bytes.LongLength, [], message, existing?.CreatedAt ?? now, now),
                    cancellationToken);
            }
            else
            {
                // The served version stays as it is; its record says why the new upload was refused.
                await store.SetDocumentStatesAsync([existing.Id], DocumentState.Indexed, $"latest upload failed: {message}", now, cancellationToken);
            }

            return new PreparedInput(null, null, Outcome.Failed(message));
        }

        var info = new DocumentInfo(
            id, collection, TitleOf(text, input.Source), input.Source, hash, DocumentState.Indexing,
            text.Pages.Count, chunks.Count, bytes.LongLength, text.Warnings, null, existing?.CreatedAt ?? now, now)
        {
            Authors = text.Authors,
            Date = text.Date,
        };
        // A document queued by an upload but never indexed counts as new.
        var isNew = existing is null || existing.State == DocumentState.Queued;
        return new PreparedInput(new ParsedDocument(info, text, chunks), input.Path, isNew ? Outcome.Added : Outcome.Updated);
    }

    public async Task<PreparedInput> PrepareRecordAsync(string collection, TextRecord record, bool singleChunk, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(record.Title + "\u0000" + record.Text);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var existing = await store.FindDocumentBySourceAsync(collection, record.Source, cancellationToken);
        if (existing is { State: DocumentState.Indexed } && existing.ContentHash == hash)
        {
            return new PreparedInput(null, null, Outcome.Unchanged);
        }

        if (string.IsNullOrWhiteSpace(record.Text))
        {
            return new PreparedInput(null, null, Outcome.Failed("the record has no text"));
        }

        var id = existing?.Id ?? Guid.CreateVersion7(time.GetUtcNow());
        var now = time.GetUtcNow();
        var text = new DocumentText(record.Text, [new PageSpan(1, 0, record.Text.Length)], [], [], record.Title);
        IReadOnlyList<Chunk> chunks = singleChunk
            ? [new Chunk(Chunk.MakeId(id, 0), id, 0, 0, record.Text.Length, 1, 1, string.Empty, record.Text)]
            : chunker.Split(id, text, cancellationToken);
        var info = new DocumentInfo(
            id, collection, string.IsNullOrWhiteSpace(record.Title) ? record.Source : record.Title, record.Source, hash,
            DocumentState.Indexing, 1, chunks.Count, bytes.LongLength, [], null, existing?.CreatedAt ?? now, now);
        return new PreparedInput(new ParsedDocument(info, text, chunks), null, existing is null ? Outcome.Added : Outcome.Updated);
    }

    private async Task<byte[]> ReadInputAsync(SourceFile input, CancellationToken cancellationToken)
    {
        var info = new FileInfo(input.Path);
        if (!info.Exists)
        {
            throw new DocumentFormatException("the file does not exist");
        }

        switch (admission.Check(input.Source, info.Length))
        {
            case FileVerdict.UnsupportedType:
                var extension = FileAdmission.ExtensionOf(input.Source);
                throw new DocumentFormatException(
                    $"unsupported file type '{(extension.Length == 0 ? "(none)" : extension)}'; supported: {string.Join(", ", admission.SupportedExtensions.Order())}");
            case FileVerdict.TooLarge:
                throw new DocumentFormatException($"the file is {info.Length:N0} bytes, over the limit of {admission.MaxFileBytes:N0} bytes (Ingestion:MaxFileBytes)");
            case FileVerdict.Empty:
                throw new DocumentFormatException("the file is empty (0 bytes)");
        }

        return await File.ReadAllBytesAsync(input.Path, cancellationToken);
    }

    private static string TitleOf(DocumentText text, string source)
        => string.IsNullOrWhiteSpace(text.Title) ? Path.GetFileName(source) : text.Title.Trim();
}
