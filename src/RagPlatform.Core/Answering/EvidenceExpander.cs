using RagPlatform.Core.Documents;
using RagPlatform.Core.Retrieval;
using RagPlatform.Core.Text;

namespace RagPlatform.Core.Answering;

/// <summary>
/// Carries an evidence passage over its chunk boundary when its last sentence does not end there: a sentence the
/// chunker cut ("we proposed two tasks in the FIRE 2019" / "track: ...") or a list it introduces ("the following:",
/// "shall include—", an item ending in ";") whose items start the next chunk. The passage is widened to the end of
/// that sentence, or of its list (<see cref="SpanExtender"/>), as one verbatim span of the document's text; a passage
/// that ends on a finished sentence is left alone, so nothing else about the evidence changes.
/// </summary>
internal static class EvidenceExpander
{
    private const int MaxRunOnChars = 1600;

    /// <summary>The evidence, each passage whose last sentence runs on widened into the next chunk.</summary>
    public static async Task<IReadOnlyList<SearchHit>> ExpandAsync(
        IReadOnlyList<SearchHit> evidence, IReadOnlyList<DocumentInfo> indexed, DocumentCache documents, CancellationToken cancellationToken)
    {
        List<SearchHit>? expanded = null;
        for (var i = 0; i < evidence.Count; i++)
        {
            var hit = evidence[i];
            if (!RunsOn(hit.Text) || indexed.FirstOrDefault(d => d.Id == hit.DocumentId) is not { } version)
            {
                continue;
            }

            var widened = await WidenAsync(hit, version, documents, cancellationToken);
            if (widened is not null)
            {
                expanded ??= [.. evidence];
                expanded[i] = widened;
            }
        }

        return expanded ?? evidence;
    }

    /// <summary>
    /// Whether a passage's text may stop mid-sentence or mid-list: it does not end with a sentence's closing
    /// punctuation, or its end announces a list or leaves an item open.
    /// </summary>
    internal static bool RunsOn(string text)
    {
        var tail = text.AsSpan().TrimEnd();
        while (tail.Length > 0 && tail[^1] is '"' or '\'' or '\u201d' or '\u2019' or ')' or ']')
        {
            tail = tail[..^1];
        }

        if (tail.Length == 0)
        {
            return false;
        }

        if (tail[^1] is not ('.' or '!' or '?'))
        {
            return true;
        }

        var last = tail.Length > 240 ? tail[^240..] : tail;
        return SpanExtender.IntroducesList(last.ToString());
    }

    private static async Task<SearchHit?> WidenAsync(SearchHit hit, DocumentInfo version, DocumentCache documents, CancellationToken cancellationToken)
    {
        var chunks = await documents.ChunksAsync(version, cancellationToken);
        var at = -1;
        for (var c = 0; c < chunks.Count; c++)
        {
            if (string.Equals(chunks[c].Id, hit.ChunkId, StringComparison.Ordinal))
            {
                at = c;
                break;
            }
        }

        // Only a passage that is still exactly its stored chunk, with a chunk after it, is widened.
        if (at < 0 || at + 1 >= chunks.Count || chunks[at].CharStart != hit.CharStart || chunks[at].CharEnd != hit.CharEnd
            || await documents.GetAsync(version, cancellationToken) is not { } stored)
        {
            return null;
        }

        // Chunk after chunk while the sentence or its list is still open at the merged text's end (a list of short
        // items may span several small chunks), up to MaxRunOnChars past the passage.
        var boundary = hit.CharEnd - hit.CharStart;
        var end = boundary;
        var last = chunks[at];
        for (var n = at + 1; n < chunks.Count && chunks[n].CharEnd - hit.CharEnd <= MaxRunOnChars; n++)
        {
            if (chunks[n].CharEnd <= last.CharEnd || chunks[n].CharEnd > stored.Text.Length)
            {
                break;
            }

            last = chunks[n];
            var merged = stored.Text[hit.CharStart..last.CharEnd];
            var sentences = SentenceSplitter.Split(merged);
            var lastIndex = sentences.FindLastIndex(r => r.Start < boundary);
            if (lastIndex < 0)
            {
                return null;
            }

            end = SpanExtender.Extend(merged, sentences[lastIndex], sentences).End;
            if (end < merged.TrimEnd().Length || n + 1 == chunks.Count || !EvidenceExpander.RunsOn(merged))
            {
                break; // the sentence (or list) closes inside the merged text
            }
        }

        if (end <= boundary)
        {
            return null;
        }

        var charEnd = hit.CharStart + end;
        return hit with
        {
            CharEnd = charEnd,
            Text = stored.Text[hit.CharStart..charEnd],
            PageEnd = Math.Max(hit.PageEnd, stored.Pages.FirstOrDefault(p => charEnd - 1 >= p.CharStart && charEnd - 1 < p.CharEnd)?.Number ?? hit.PageEnd),
        };
    }
}
