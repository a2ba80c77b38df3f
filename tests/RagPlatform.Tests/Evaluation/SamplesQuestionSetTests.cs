using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Evaluation.Qa;
using RagPlatform.Core.Storage;

namespace RagPlatform.Tests.Evaluation;

/// <summary>
/// The committed dev set eval/samples-questions.jsonl is true to samples/: it parses, has the mix the issue asks for,
/// and every key phrase of an answerable question occurs in its document's indexed text on one of its pages.
/// </summary>
public sealed class SamplesQuestionSetTests(SampleCorpus.All corpus) : IClassFixture<SampleCorpus.All>
{
    private static string SetPath => Path.Combine(AppContext.BaseDirectory, "eval", "samples-questions.jsonl");

    [Fact]
    public async Task The_set_has_at_least_25_questions_and_5_unanswerable_ones()
    {
        var items = await QuestionSetLoader.LoadAsync(SetPath, CancellationToken.None);
        Assert.True(items.Count >= 25, $"{items.Count} questions");
        Assert.True(items.Count(i => !i.Answerable) >= 5, $"{items.Count(i => !i.Answerable)} unanswerable");
        Assert.All(items.Where(i => i.Answerable), i => Assert.True(i.Document is not null && i.Pages.Count > 0, $"line {i.Line} names no document or pages"));
    }

    [Fact]
    public async Task Every_key_phrase_is_on_a_named_page_of_the_named_document()
    {
        var store = corpus.Services.GetRequiredService<IMetadataStore>();
        var items = await QuestionSetLoader.LoadAsync(SetPath, CancellationToken.None);
        var problems = new List<string>();
        foreach (var item in items.Where(i => i.Answerable))
        {
            var document = corpus.Documents.Values.SingleOrDefault(d => QuestionSetScorer.Matches(d, item.Document!));
            if (document is null)
            {
                problems.Add($"line {item.Line}: no sample document matches '{item.Document}'");
                continue;
            }

            var chunks = await store.GetChunksAsync(document.Id, CancellationToken.None);
            var onPages = string.Join("\n", chunks.Where(c => item.Pages.Any(p => p >= c.PageStart && p <= c.PageEnd)).Select(c => c.Text));
            problems.AddRange(item.KeyPhrases.Where(p => !QuestionSetScorer.ContainsPhrase(onPages, p))
                .Select(p => $"line {item.Line}: \"{p}\" is not on p. {string.Join(",", item.Pages)} of {item.Document}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
