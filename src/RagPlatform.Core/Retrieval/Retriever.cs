using System.Diagnostics;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Collections;
using RagPlatform.Core.Diagnostics;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;

namespace RagPlatform.Core.Retrieval;

/// <summary>Runs a search pipeline over a collection and serves only documents that every store committed.</summary>
public sealed class Retriever(ILexicalSearcher lexical, IMetadataStore store, IOptions<SearchOptions> options, TimeProvider time)
{
    private readonly SearchOptions _options = options.Value;

    /// <summary>Validates the request, runs the pipeline and returns the ranked hits.</summary>
    public async Task<SearchResponse> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var query = ValidateQuery(request.Query);
        var collection = CollectionName.Validate(request.Collection);
        var top = request.Top ?? _options.DefaultTop;
        if (top < 1 || top > _options.MaxTop)
        {
            throw new InvalidRequestException($"top must be between 1 and {_options.MaxTop}; got {top}.");
        }

        var pipeline = SearchPipeline.Parse(request.Pipeline, _options.DefaultPipeline);
        if (pipeline != SearchPipeline.Bm25)
        {
            throw new InvalidRequestException($"The pipeline '{pipeline}' needs a dense index, which this build does not have yet; use '{SearchPipeline.Bm25}'.");
        }

        if (await store.GetCollectionAsync(collection, cancellationToken) is null)
        {
            throw new NotFoundException($"No collection named '{collection}'.");
        }

        using var activity = RagActivity.Source.StartActivity("bm25");
        // Ask for a few more than wanted: hits of documents that are mid-update are filtered out below.
        var hits = lexical.Search(collection, query, top + 16, request.Explain, cancellationToken);
        var servable = await store.GetIndexedIdsAsync([.. hits.Select(h => h.DocumentId).Distinct()], cancellationToken);
        var served = hits.Where(h => servable.Contains(h.DocumentId)).Take(top).ToList();
        return new SearchResponse(request.Query, collection, pipeline, Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3), served);
    }

    private string ValidateQuery(string? query)
    {
        var trimmed = query?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new InvalidRequestException("The query is empty.");
        }

        if (trimmed.Length > _options.MaxQueryChars)
        {
            throw new InvalidRequestException(
                $"The query is {trimmed.Length:N0} characters long; the limit is {_options.MaxQueryChars:N0} (Search:MaxQueryChars).");
        }

        return trimmed;
    }
}
