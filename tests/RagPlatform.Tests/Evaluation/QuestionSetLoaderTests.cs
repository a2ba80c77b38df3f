using RagPlatform.Core.Errors;
using RagPlatform.Core.Evaluation.Qa;

namespace RagPlatform.Tests.Evaluation;

public sealed class QuestionSetLoaderTests
{
    [Fact]
    public void Jsonl_lines_become_questions_with_their_line_numbers()
    {
        var items = QuestionSetLoader.Parse(
            """
            // duration
            {"question": "How long does the NDA remain in force?", "document": "sample-nda.docx", "keyPhrases": ["two years"], "pages": [1], "note": "ignored"}

            {"question": "What is the statute of limitations for copyright claims?", "collection": "law", "answerable": false}
            """,
            "set.jsonl");

        Assert.Equal(2, items.Count);
        Assert.Equal(new QuestionSetItem(2, "How long does the NDA remain in force?", null, "sample-nda.docx", ["two years"], [1], true), items[0], new ItemComparer());
        Assert.Equal(4, items[1].Line);
        Assert.Equal("law", items[1].Collection);
        Assert.False(items[1].Answerable);
        Assert.Empty(items[1].KeyPhrases);
        Assert.Empty(items[1].Pages);
    }

    [Fact]
    public void A_json_array_is_read_like_lines()
    {
        var items = QuestionSetLoader.Parse("""[{"question": "Who are the parties?", "keyPhrases": ["Knowles", "Mirzayance"]}, {"question": "Why?", "answerable": false}]""", "body");
        Assert.Equal([1, 2], items.Select(i => i.Line));
        Assert.Equal(["Knowles", "Mirzayance"], items[0].KeyPhrases);
    }

    [Theory]
    [InlineData("{\"question\": \"ok\", \"keyPhrases\": [\"a\"]}\n{\"question\": \"broken\", \"keyPhrases\": [\"a\"]\n", "set.jsonl line 2 is not JSON")]
    [InlineData("\n\n{\"keyPhrases\": [\"a\"]}", "set.jsonl line 3: 'question' is missing or empty")]
    [InlineData("{\"question\": \"What is the term?\"}", "set.jsonl line 1: an answerable question needs at least one entry in 'keyPhrases'")]
    [InlineData("{\"question\": \"What is the term?\", \"keyPhrases\": \"two years\"}", "set.jsonl line 1: 'keyPhrases' must be an array of strings")]
    [InlineData("{\"question\": \"What is the term?\", \"keyPhrases\": [\"two years\"], \"pages\": [0]}", "set.jsonl line 1: 'pages' must hold 1-based whole page numbers; got 0")]
    [InlineData("{\"question\": \"What is the term?\", \"keyPhrases\": [\"two years\"], \"pages\": [\"1\"]}", "set.jsonl line 1: 'pages' must be an array of numbers")]
    [InlineData("{\"question\": \"What is the term?\", \"answerable\": \"no\"}", "set.jsonl line 1: 'answerable' must be true or false")]
    [InlineData("[\"What is the term?\"]", "set.jsonl item 1: expected a JSON object")]
    [InlineData("// nothing but a comment", "set.jsonl holds no questions")]
    public void Bad_lines_name_the_line_and_the_problem(string content, string message)
    {
        var error = Assert.Throws<InvalidRequestException>(() => QuestionSetLoader.Parse(content, "set.jsonl"));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    private sealed class ItemComparer : IEqualityComparer<QuestionSetItem>
    {
        public bool Equals(QuestionSetItem? x, QuestionSetItem? y) =>
            x is not null && y is not null && x.Line == y.Line && x.Question == y.Question && x.Collection == y.Collection
            && x.Document == y.Document && x.Answerable == y.Answerable && x.KeyPhrases.SequenceEqual(y.KeyPhrases) && x.Pages.SequenceEqual(y.Pages);

        public int GetHashCode(QuestionSetItem obj) => obj.Line;
    }
}
