using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Errors;
using RagPlatform.Onnx;

namespace RagPlatform.Tests.Onnx;

public sealed class OnnxEmbeddingGeneratorTests(ModelFixture models) : IClassFixture<ModelFixture>
{
    private const string Query = "What causes the seasons on Earth?";
    private const string Relevant = "Seasons The tilt of Earth's axis changes how directly sunlight strikes each hemisphere over the year, which causes summer and winter.";
    private const string Unrelated = "Contracts A lease agreement must state the rent, the term and the obligations of the landlord and the tenant.";

    public static TheoryData<string> Models => [ModelSpec.ArcticEmbedXs, ModelSpec.MiniLmL6V2];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Vectors_are_unit_length_384_and_rank_the_relevant_passage_first(string name)
    {
        var generator = Pick(name);
        var passages = await generator.GenerateAsync([Relevant, Unrelated]);
        var query = await generator.GenerateAsync([Query], EmbeddingPurpose.ForQueries());

        Assert.All(passages.Concat(query), e => Assert.Equal(384, e.Vector.Length));
        Assert.All(passages.Concat(query), e => Assert.Equal(1.0, TensorPrimitives.Norm(e.Vector.Span), 4));
        var relevant = TensorPrimitives.Dot(query[0].Vector.Span, passages[0].Vector.Span);
        var unrelated = TensorPrimitives.Dot(query[0].Vector.Span, passages[1].Vector.Span);
        Assert.True(relevant > unrelated + 0.05, $"relevant {relevant}, unrelated {unrelated}");
    }

    [Fact]
    public async Task Query_prefix_changes_arctic_vector_but_not_minilm()
    {
        var arcticDocument = await models.Arctic.GenerateAsync([Query]);
        var arcticQuery = await models.Arctic.GenerateAsync([Query], EmbeddingPurpose.ForQueries());
        var miniDocument = await models.MiniLm.GenerateAsync([Query]);
        var miniQuery = await models.MiniLm.GenerateAsync([Query], EmbeddingPurpose.ForQueries());

        Assert.True(TensorPrimitives.Dot(arcticDocument[0].Vector.Span, arcticQuery[0].Vector.Span) < 0.999f);
        Assert.Equal(1.0f, TensorPrimitives.Dot(miniDocument[0].Vector.Span, miniQuery[0].Vector.Span), 5);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Batching_by_length_gives_the_same_vectors_as_one_by_one(string name)
    {
        var generator = Pick(name);
        string[] texts = [Relevant, "short", Unrelated, Query, "a somewhat longer sentence about statutes and courts"];
        var batched = await generator.GenerateAsync(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            var single = await generator.GenerateAsync([texts[i]]);
            var difference = TensorPrimitives.MaxMagnitude(Subtract(batched[i].Vector.Span, single[0].Vector.Span));
            Assert.True(difference < 1e-5f, $"text {i} differs by {difference}");
        }
    }

    [Fact]
    public void Identity_names_the_model_and_its_sha256()
    {
        var identity = models.MiniLm.GetService<EmbeddingModelIdentity>();

        Assert.NotNull(identity);
        Assert.Equal(ModelSpec.MiniLmL6V2, identity.Name);
        Assert.Equal(384, identity.Dimensions);
        Assert.Matches("^[0-9a-f]{64}$", identity.Sha256);
        Assert.NotEqual(identity.Sha256, models.Arctic.Identity.Sha256);
    }

    [Fact]
    public void Token_vectors_are_unit_rows_one_per_token()
    {
        var tokens = models.MiniLm.EncodeTokens(["late interaction"], false, CancellationToken.None);

        var rows = tokens.Vectors[0].Length / tokens.Dimensions;
        Assert.Equal(models.MiniLm.CountTokens("late interaction"), rows);
        for (var t = 0; t < rows; t++)
        {
            Assert.Equal(1.0, TensorPrimitives.Norm(tokens.Vectors[0].AsSpan(t * tokens.Dimensions, tokens.Dimensions)), 4);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Token_pass_pools_the_same_vector_as_generate(string name)
    {
        var generator = Pick(name);
        var tokens = generator.EncodeTokens([Relevant], false, CancellationToken.None);
        var direct = await generator.GenerateAsync([Relevant]);

        var difference = TensorPrimitives.MaxMagnitude(Subtract(tokens.Pooled[0], direct[0].Vector.Span));
        Assert.True(difference < 1e-5f, $"differs by {difference}");
    }

    [Fact]
    public void Long_text_is_cut_to_the_model_limit()
    {
        var text = string.Join(' ', Enumerable.Repeat("statute", 2000));

        Assert.Equal(256, models.MiniLm.CountTokens(text));
        Assert.Equal(512, models.Arctic.CountTokens(text));
    }

    [Fact]
    public void Missing_model_folder_and_unknown_name_are_clear_errors()
    {
        var folder = Directory.CreateTempSubdirectory("ragp-model-").FullName;
        try
        {
            var missing = Assert.Throws<ModelLoadException>(() => new OnnxEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = folder })));
            Assert.Contains("model.onnx", missing.Message, StringComparison.Ordinal);
            var unknown = Assert.Throws<ModelLoadException>(() => new OnnxEmbeddingGenerator(Options.Create(new EmbeddingOptions { Model = "no-such-model" })));
            Assert.Contains("arctic-embed-xs", unknown.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    private OnnxEmbeddingGenerator Pick(string name) => name == ModelSpec.ArcticEmbedXs ? models.Arctic : models.MiniLm;

    private static float[] Subtract(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var result = new float[a.Length];
        TensorPrimitives.Subtract(a, b, result);
        return result;
    }
}
