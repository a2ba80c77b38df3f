using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using RagPlatform.Core.Diagnostics;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Retrieval;

namespace RagPlatform.Core.Answering;

/// <summary>
/// Turns evidence into an answer: extractive by default, through the chat client when configured. A chat failure
/// (exception, timeout, a stream dropped mid-answer, output without any citation marker or citing only passages that
/// do not exist) yields the extractive answer with a note and a "chat fallback" trace line; the caller's own
/// cancellation is rethrown. Chat deltas are passed on as the model sends them.
/// </summary>
internal sealed partial class AnswerComposer(
    AnswerOptions options, TimeProvider time, IEmbeddingGenerator<string, Embedding<float>>? embedder, IChatClient? chatClient,
    ISentenceVectorIndex? sentenceVectors = null)
{
    private readonly ExtractiveAnswerer _extractive = new(options, embedder, sentenceVectors);

    public bool UsesChat => chatClient is not null && options.Generator is AnswerOptions.ChatGenerator or AnswerOptions.OnnxGenerator;

    public IAsyncEnumerable<AnswerUpdate> ComposeAsync(
        string question,
        string strategy,
        IReadOnlyList<SearchHit> evidence,
        int maxSentences,
        IReadOnlyList<string>? queryOverride,
        long started,
        CancellationToken cancellationToken) =>
        ComposeAsync(question, strategy, evidence, new ComposeContext(maxSentences) { QueryOverride = queryOverride }, started, cancellationToken);

    public async IAsyncEnumerable<AnswerUpdate> ComposeAsync(
        string question,
        string strategy,
        IReadOnlyList<SearchHit> evidence,
        ComposeContext context,
        long started,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var maxSentences = context.MaxSentences;
        using var activity = RagActivity.Source.StartActivity("generate");
        if (!UsesChat || evidence.Count == 0)
        {
            var extractive = await ExtractiveAsync(question, strategy, evidence, context, started, null, NoChatTrace(), cancellationToken);
            foreach (var sentence in extractive.Sentences)
            {
                yield return new AnswerUpdate(Display(sentence.Text) + " " + string.Concat(sentence.Citations.Select(n => $"[{n}]")) + " ", null);
            }

            if (extractive.Abstained)
            {
                yield return new AnswerUpdate(extractive.Text, null);
            }

            yield return new AnswerUpdate(null, extractive);
            yield break;
        }

        var messages = ChatPrompt.Build(question, evidence, maxSentences);
        var chatOptions = new ChatOptions { Temperature = 0 };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.ChatTimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var text = new StringBuilder();
        string? failure = null;
        var about = Describe(chatClient!);
        var stream = chatClient!.GetStreamingResponseAsync(messages, chatOptions, linked.Token).GetAsyncEnumerator(linked.Token);
        try
        {
            while (true)
            {
                string? delta = null;
                try
                {
                    if (!await stream.MoveNextAsync())
                    {
                        break;
                    }

                    delta = stream.Current.Text;
                }
                catch (ChatModelException e)
                {
                    failure = e.Message;
                    break;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = $"the chat model did not finish within {options.ChatTimeoutSeconds} s";
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failure = $"the chat model failed ({e.GetType().Name})";
                    break;
                }

                if (!string.IsNullOrEmpty(delta))
                {
                    text.Append(delta);
                    yield return new AnswerUpdate(delta, null);
                }
            }
        }
        finally
        {
            await stream.DisposeAsync();
        }

        var generated = text.ToString();
        if (failure is null && string.IsNullOrWhiteSpace(generated))
        {
            failure = "the chat model returned nothing";
        }

        VerifiedAnswer? verified = null;
        if (failure is null)
        {
            verified = CitationVerifier.Verify(generated, evidence, options.SupportThreshold);
            if (!verified.Abstained && verified.MarkersSeen == 0)
            {
                failure = "the chat model's answer cited no passage";
            }
            else if (verified.MarkersSeen > 0 && verified.MarkersMissing == verified.MarkersSeen)
            {
                failure = $"the chat model cited only passages that do not exist (there are {evidence.Count})";
            }
        }

        if (failure is not null)
        {
            var note = $"Showing the extractive answer: {failure}.";
            yield return new AnswerUpdate(null, await ExtractiveAsync(question, strategy, evidence, context, started, note, [.. about, $"chat fallback: {failure}"], cancellationToken));
            yield break;
        }

        var trace = new List<string>(about) { $"chat: {verified!.MarkersSeen} citation markers, {verified.MarkersDropped} dropped by verification" };
        trace.AddRange(verified.Sentences.Where(s => !s.Supported && s.Reason is not null).Select(s => $"unsupported: \"{s.Text}\": {s.Reason}"));
        yield return new AnswerUpdate(null, new Answer
        {
            Question = question,
            Text = verified.Text,
            Supported = !verified.Abstained && verified.Sentences.Count > 0 && verified.Sentences.All(s => s.Supported),
            Citations = verified.Citations,
            Evidence = evidence,
            Strategy = strategy,
            Trace = trace,
            TookMs = Elapsed(started),
            Sentences = verified.Sentences,
            Abstained = verified.Abstained,
            Generator = AnswerOptions.ChatGenerator,
        });
    }

    private async Task<Answer> ExtractiveAsync(
        string question, string strategy, IReadOnlyList<SearchHit> evidence, ComposeContext context,
        long started, string? note, List<string> trace, CancellationToken cancellationToken)
    {
        using var activity = RagActivity.Source.StartActivity("compose");
        var selection = await _extractive.SelectAsync(question, evidence, context, cancellationToken);
        trace.AddRange(selection.Trace);
        var citations = new List<Citation>();
        var sentences = new List<AnswerSentence>();
        var text = new StringBuilder();
        foreach (var chosen in selection.Sentences)
        {
            var hit = evidence[chosen.Sentence.Hit];
            var n = citations.Count + 1;
            var range = chosen.Sentence.Range;
            citations.Add(new Citation(
                n, hit.ChunkId, hit.DocumentId, hit.Title, hit.PageStart, hit.PageEnd,
                hit.CharStart + range.Start, hit.CharStart + range.End, hit.Text[range.Start..range.End]));
            sentences.Add(new AnswerSentence(chosen.Sentence.Text, true, [n]));
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(Display(chosen.Sentence.Text)).Append(" [").Append(n).Append(']');
        }

        return new Answer
        {
            Question = question,
            Text = selection.Abstained ? ChatPrompt.Abstention : text.ToString(),
            Supported = !selection.Abstained,
            Citations = citations,
            Evidence = evidence,
            Strategy = strategy,
            Trace = trace,
            TookMs = Elapsed(started),
            Sentences = sentences,
            Abstained = selection.Abstained,
            Generator = AnswerOptions.ExtractiveGenerator,
            Note = note,
            Relevance = Math.Round(selection.BestRelevance, 4),
        };
    }

    /// <summary>Why a chat or onnx generator did not run: no chat client is registered (an empty list otherwise).</summary>
    private List<string> NoChatTrace() => chatClient is not null ? []
        : options.Generator == AnswerOptions.ChatGenerator ? ["chat: no chat model is configured (set Chat:Endpoint and Chat:Model); answered extractively"]
        : options.Generator == AnswerOptions.OnnxGenerator ? ["onnx: no local generator is configured (set Generator:ModelPath); answered extractively"]
        : [];

    /// <summary>Which model answers, for the trace (nothing when the client does not say). Never the key.</summary>
    private static List<string> Describe(IChatClient client) =>
        client.GetService(typeof(ChatClientMetadata)) is ChatClientMetadata { } metadata
            ? [$"chat: {metadata.ProviderName ?? "chat client"} model {metadata.DefaultModelId ?? "(default)"}{(metadata.ProviderUri is { } uri ? " at " + uri.Host + ":" + uri.Port : string.Empty)}"]
            : [];

    /// <summary>The sentence as shown in the answer text: whitespace runs (line breaks of the source) collapsed. Quotes stay verbatim.</summary>
    private static string Display(string sentence) => Whitespace().Replace(sentence, " ");

    private double Elapsed(long started) => Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
