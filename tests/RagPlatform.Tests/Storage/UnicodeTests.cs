using RagPlatform.Core.Documents;
using RagPlatform.Core.Errors;

namespace RagPlatform.Tests.Storage;

/// <summary>
/// Offsets are UTF-16 indices, so the stored text must come back unchanged. Well-formed UTF-16 (CR, CRLF, surrogate
/// pairs, combining marks, BOM, bidi marks) round-trips; NUL and unpaired surrogates are refused with a clear error,
/// because UTF-8 storage cannot hold a lone surrogate and PostgreSQL rejects NUL.
/// </summary>
public sealed class UnicodeTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task Well_formed_text_and_its_chunk_spans_round_trip_exactly()
    {
        await using var temp = await TempStore.CreateAsync();
        const string Text = "\uFEFF§ 1 Définitions\r\nLe « contrat »\rdésigne 😀👩‍⚖️ e\u0301 \u05E9\u05DC\u05D5\u05DD \u200F中文\t \r\n\r\n𝔘𝔫𝔦 end  ";
        var id = Guid.NewGuid();
        var doc = Samples.Document("uni", "u.txt", Text, Text.Length, id);
        // Split at a boundary that is not inside a surrogate pair, so chunk text stays well-formed.
        var cut = Text.IndexOf("😀", StringComparison.Ordinal);
        Chunk[] chunks =
        [
            new(Chunk.MakeId(id, 0), id, 0, 0, cut, 1, 1, "§ 1", Text[..cut]),
            new(Chunk.MakeId(id, 1), id, 1, cut, Text.Length, 1, 2, "§ 1", Text[cut..]),
        ];
        await temp.Store.SaveDocumentsAsync([doc with { Chunks = chunks }], s_none);

        var stored = await temp.Store.GetStoredDocumentAsync(id, s_none);
        Assert.NotNull(stored);
        Assert.Equal(Text.Length, stored.Text.Length);
        Assert.Equal(Text, stored.Text);
        foreach (var chunk in await temp.Store.GetChunksAsync(id, s_none))
        {
            Assert.Equal(chunk.Text, stored.Text.Substring(chunk.CharStart, chunk.CharEnd - chunk.CharStart));
        }
    }

    // Built in the test: xunit's test-case serialization would replace a lone surrogate given as InlineData.
    [Theory]
    [InlineData(0, "NUL character at offset 6")]
    [InlineData(1, "unpaired surrogate at offset 5")]
    [InlineData(2, "unpaired surrogate at offset 9")]
    public async Task Unstorable_text_is_refused_with_a_clear_error_and_nothing_is_written(int kind, string expected)
    {
        await using var temp = await TempStore.CreateAsync();
        var text = kind switch
        {
            0 => "before" + '\0' + "after",
            1 => "lone " + '\uD83D' + " surrogate",
            _ => "reversed " + '\uDE00' + '\uD83D' + " pair",
        };
        var doc = Samples.Document("uni", "bad.txt", text, text.Length);

        var error = await Assert.ThrowsAsync<DocumentFormatException>(() => temp.Store.SaveDocumentsAsync([doc], s_none));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Null(await temp.Store.GetDocumentAsync(doc.Info.Id, s_none));
    }

    [Fact]
    public async Task A_chunk_that_splits_a_surrogate_pair_is_refused()
    {
        await using var temp = await TempStore.CreateAsync();
        const string Text = "ab😀cd";
        var doc = Samples.Document("uni", "split.txt", Text, 3);

        var error = await Assert.ThrowsAsync<DocumentFormatException>(() => temp.Store.SaveDocumentsAsync([doc], s_none));
        Assert.Contains("chunk 0", error.Message, StringComparison.Ordinal);
    }
}
