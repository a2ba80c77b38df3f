using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace RagPlatform.Core.Trees;

/// <summary>
/// Walks a summary tree for a question (MemWalker): from the root, scores the children (embedding similarity plus
/// BM25 over each child's subtree text), descends the best, and at a leaf judges whether its best sentence answers;
/// if not, reverts to the parent and tries the next child (up to <see cref="TreeOptions.Beam"/> per node), until a
/// leaf answers or <see cref="TreeOptions.WalkBudget"/> nodes were read. A working memory carries the summaries read.
/// With a navigator (a chat client; <c>AddRagCore</c> passes one only with the "chat" generator), MemWalker's triage
/// and leaf prompts decide instead of the scores, until the model gives 3 unparsable replies; then the scores take over.
/// </summary>
public sealed class TreeWalker(IOptions<TreeOptions> options, TextVectorizer vectorizer, IChatClient? navigator = null)
{
    private readonly TreeOptions _options = options.Value;

    /// <summary>Walks <paramref name="tree"/> over the document's normalized <paramref name="text"/>.</summary>
    public async Task<TreeWalk> WalkAsync(SummaryTree tree, string text, string question, CancellationToken cancellationToken)
    {
        var questionVector = await vectorizer.EmbedQueryAsync(question, cancellationToken);
        var state = new WalkState(tree, text, question, questionVector, _options, navigator);
        await state.RunAsync(cancellationToken);
        return state.Result();
    }
}
