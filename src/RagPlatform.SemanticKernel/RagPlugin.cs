using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.SemanticKernel;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Retrieval;

namespace RagPlatform.SemanticKernel;

/// <summary>
/// Semantic Kernel functions over the platform: <c>search</c> returns ranked passages, <c>ask</c> a grounded answer
/// with its numbered sources. Both return plain text laid out for a model to read and quote.
/// </summary>
public sealed class RagPlugin(Retriever retriever, Answerer answerer)
{
    /// <summary>The plugin's name in a kernel.</summary>
    public const string PluginName = "rag";

    [KernelFunction("search")]
    [Description("Searches a document collection and returns the best passages with their document, pages and character span.")]
    public async Task<string> SearchAsync(
        [Description("Plain-words query")] string query,
        [Description("Collection name, e.g. 'papers'")] string collection,
        [Description("Number of passages (1-20)")] int top = 5,
        CancellationToken cancellationToken = default)
    {
        var response = await retriever.SearchAsync(new SearchRequest(query, collection, Math.Clamp(top, 1, 20)), cancellationToken);
        if (response.Hits.Count == 0)
        {
            return "No passage matches.";
        }

        var text = new StringBuilder();
        for (var i = 0; i < response.Hits.Count; i++)
        {
            var hit = response.Hits[i];
            text.Append(CultureInfo.InvariantCulture, $"[{i + 1}] {hit.Title}, pages {hit.PageStart}-{hit.PageEnd}, chars {hit.CharStart}-{hit.CharEnd}:\n{hit.Text}\n\n");
        }

        return text.ToString().TrimEnd();
    }

    [KernelFunction("ask")]
    [Description("Answers a question from a document collection. Every sentence cites its source as [n]; the sources follow the answer with their exact quotes. Says so when the documents do not answer.")]
    public async Task<string> AskAsync(
        [Description("The question")] string question,
        [Description("Collection name, e.g. 'papers'")] string collection,
        CancellationToken cancellationToken = default)
    {
        var answer = await answerer.AskAsync(new AskRequest(question, collection), cancellationToken);
        return Format(answer);
    }

    /// <summary>The answer followed by its numbered sources, for a model or a console.</summary>
    public static string Format(Answer answer)
    {
        var text = new StringBuilder(answer.Text);
        if (answer.Citations.Count > 0)
        {
            text.Append("\n\nSources:");
            foreach (var c in answer.Citations)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n[{c.N}] {c.Title}, p. {c.PageStart}-{c.PageEnd}, chars {c.CharStart}-{c.CharEnd}: \"{c.Quote}\"");
            }
        }

        if (answer.Note is not null)
        {
            text.Append("\n\nNote: ").Append(answer.Note);
        }

        return text.ToString();
    }
}
