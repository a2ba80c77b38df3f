using RagPlatform.Core.Errors;
using RagPlatform.Core.Indexing;

namespace RagPlatform.Storage;

/// <summary>The check that a document's text comes back from the database exactly as it was given.</summary>
internal static class StorableText
{
    /// <summary>
    /// Offsets are UTF-16 indices into the stored text, so the text must come back exactly as given. Both databases
    /// store UTF-8, which cannot hold a lone surrogate, and PostgreSQL refuses NUL; such text is refused here with a
    /// clear error instead of being altered silently. Decoders normalize those characters away.
    /// </summary>
    public static void EnsureStorable(ParsedDocument document)
    {
        var problem = Unstorable(document.Text.Text);
        if (problem is null)
        {
            foreach (var chunk in document.Chunks)
            {
                problem = Unstorable(chunk.Text);
                if (problem is not null)
                {
                    problem = $"chunk {chunk.Ordinal} {problem}";
                    break;
                }
            }
        }

        if (problem is not null)
        {
            throw new DocumentFormatException($"The normalized text of '{document.Info.Source}' cannot be stored: {problem}.");
        }
    }

    private static string? Unstorable(string text)
    {
        var span = text.AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c == '\0')
            {
                return $"contains a NUL character at offset {i}";
            }

            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"contains an unpaired surrogate at offset {i}";
            }
        }

        return null;
    }
}
