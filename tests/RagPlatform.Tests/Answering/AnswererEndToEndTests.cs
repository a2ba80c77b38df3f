using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Storage;

namespace RagPlatform.Tests.Answering;

/// <summary>The answerer over the real stack: SQLite metadata, a Lucene index and the real decoders, in a temp folder.</summary>
public sealed class AnswererEndToEndTests : IAsyncLifetime
{
    private const string Collection = IndexedStack.Collection;
    private IndexedStack _stack = null!;

    private ServiceProvider Services => _stack.Services;

    public async Task InitializeAsync() => _stack = await IndexedStack.CreateAsync();

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task Passages_answer_quotes_equal_the_stored_text_at_their_spans()
    {
        var answerer = Services.GetRequiredService<Answerer>();
        var answer = await answerer.AskAsync(new AskRequest("What factors are considered in determining fair use?", Collection), CancellationToken.None);

        Assert.Equal(AnswerStrategy.Passages, answer.Strategy);
        Assert.False(answer.Abstained);
        Assert.NotEmpty(answer.Citations);
        Assert.NotEmpty(answer.Evidence);
        await AssertVerbatimAsync(answer);
    }

    [Fact]
    public async Task Map_reduce_over_one_document_quotes_verbatim()
    {
        var store = Services.GetRequiredService<IMetadataStore>();
        var document = Assert.Single(await store.ListDocumentsAsync(Collection, CancellationToken.None));
        var answerer = Services.GetRequiredService<Answerer>();
        var answer = await answerer.AskAsync(new AskRequest("Summarize the exclusive rights and their limits.", Collection, Strategy: "map-reduce", DocumentId: document.Id), CancellationToken.None);

        Assert.Equal(AnswerStrategy.MapReduce, answer.Strategy);
        Assert.True(answer.Citations.Count >= 2);
        Assert.All(answer.Citations, c => Assert.Equal(document.Id, c.DocumentId));
        await AssertVerbatimAsync(answer);
    }

    [Fact]
    public async Task A_definition_question_is_answered_from_a_sentence_that_holds_its_subject()
    {
        var answerer = Services.GetRequiredService<Answerer>();
        var answer = await answerer.AskAsync(new AskRequest("What is fair use?", Collection), CancellationToken.None);

        Assert.False(answer.Abstained);
        var citation = Assert.Single(answer.Citations);
        Assert.Contains("fair use", citation.Quote, StringComparison.OrdinalIgnoreCase);
        await AssertVerbatimAsync(answer);
    }

    [Fact]
    public async Task Unknown_questions_abstain()
    {
        var answerer = Services.GetRequiredService<Answerer>();
        var answer = await answerer.AskAsync(new AskRequest("What is the melting point of tungsten carbide?", Collection), CancellationToken.None);
        Assert.True(answer.Abstained);
        Assert.Empty(answer.Citations);
    }

    private async Task AssertVerbatimAsync(Answer answer)
    {
        var store = Services.GetRequiredService<IMetadataStore>();
        foreach (var citation in answer.Citations)
        {
            var stored = await store.GetStoredDocumentAsync(citation.DocumentId, CancellationToken.None);
            Assert.NotNull(stored);
            Assert.Equal(stored.Text[citation.CharStart..citation.CharEnd], citation.Quote);
        }
    }
}
