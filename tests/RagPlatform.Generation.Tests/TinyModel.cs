using System.Text;
using System.Text.Json;

namespace RagPlatform.Generation.Tests;

/// <summary>
/// A tiny randomly initialised Llama-family checkpoint written by the test itself: config.json, a seeded
/// model.safetensors (float32) and a word-level tokenizer.json.
/// </summary>
internal sealed class TinyModel : IDisposable
{
    public const int Hidden = 32, Heads = 4, KvHeads = 2, HeadDim = 16, Intermediate = 48, Layers = 2, Vocab = 64;

    private TinyModel(string directory, string modelType, Dictionary<string, (long[] Shape, float[] Data)> weights)
    {
        Directory = directory;
        ModelType = modelType;
        Weights = weights;
    }

    public string Directory { get; }

    public string ModelType { get; }

    public Dictionary<string, (long[] Shape, float[] Data)> Weights { get; }

    public static TinyModel Create(string modelType, int seed)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ragp-gen-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        var random = new Random(seed);
        var weights = new Dictionary<string, (long[] Shape, float[] Data)>(StringComparer.Ordinal);
        void Add(string name, float scale, params long[] shape)
        {
            var count = shape.Aggregate(1L, (a, b) => a * b);
            weights[name] = (shape, Enumerable.Range(0, (int)count).Select(_ => (float)((random.NextDouble() * 2) - 1) * scale).ToArray());
        }

        void AddNorm(string name) =>
            weights[name] = ([Hidden], Enumerable.Range(0, Hidden).Select(_ => 0.8f + (float)(random.NextDouble() * 0.4)).ToArray());

        var qwen = modelType == "qwen2";
        Add("model.embed_tokens.weight", 1f, Vocab, Hidden);
        for (var l = 0; l < Layers; l++)
        {
            var p = $"model.layers.{l}.";
            AddNorm(p + "input_layernorm.weight");
            AddNorm(p + "post_attention_layernorm.weight");
            Add(p + "self_attn.q_proj.weight", 0.3f, Heads * HeadDim, Hidden);
            Add(p + "self_attn.k_proj.weight", 0.3f, KvHeads * HeadDim, Hidden);
            Add(p + "self_attn.v_proj.weight", 0.3f, KvHeads * HeadDim, Hidden);
            if (qwen)
            {
                Add(p + "self_attn.q_proj.bias", 0.1f, Heads * HeadDim);
                Add(p + "self_attn.k_proj.bias", 0.1f, KvHeads * HeadDim);
                Add(p + "self_attn.v_proj.bias", 0.1f, KvHeads * HeadDim);
            }

            Add(p + "self_attn.o_proj.weight", 0.3f, Hidden, Heads * HeadDim);
            Add(p + "mlp.gate_proj.weight", 0.3f, Intermediate, Hidden);
            Add(p + "mlp.up_proj.weight", 0.3f, Intermediate, Hidden);
            Add(p + "mlp.down_proj.weight", 0.3f, Hidden, Intermediate);
        }

        AddNorm("model.norm.weight");
        if (!qwen)
        {
            Add("lm_head.weight", 0.3f, Vocab, Hidden);
        }

        SafetensorsWriter.Write(Path.Combine(dir, "model.safetensors"), weights);
        File.WriteAllText(Path.Combine(dir, "config.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["architectures"] = new[] { qwen ? "Qwen2ForCausalLM" : "LlamaForCausalLM" },
            ["model_type"] = modelType,
            ["hidden_size"] = Hidden,
            ["intermediate_size"] = Intermediate,
            ["num_hidden_layers"] = Layers,
            ["num_attention_heads"] = Heads,
            ["num_key_value_heads"] = KvHeads,
            ["head_dim"] = HeadDim, // GroupQueryAttention needs a multiple of 16
            ["vocab_size"] = Vocab,
            ["rms_norm_eps"] = 1e-5,
            ["rope_theta"] = 10000.0,
            ["max_position_embeddings"] = 4096,
            ["tie_word_embeddings"] = qwen,
            ["eos_token_id"] = 1,
            ["bos_token_id"] = 0,
        }));
        File.WriteAllText(Path.Combine(dir, "tokenizer.json"), WordLevelTokenizerJson());
        return new TinyModel(dir, modelType, weights);
    }

    public float[] W(string name) => Weights[name].Data;

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a memory-mapped file may still be open on some platforms; the temp folder is harmless
        }
    }

    /// <summary>A word-level tokenizer: "&lt;s&gt;", "&lt;/s&gt;", "&lt;unk&gt;", then w3..w63, split on whitespace.</summary>
    private static string WordLevelTokenizerJson()
    {
        var vocab = new Dictionary<string, int> { ["<s>"] = 0, ["</s>"] = 1, ["<unk>"] = 2 };
        for (var i = 3; i < Vocab; i++)
        {
            vocab[$"w{i}"] = i;
        }

        var sb = new StringBuilder();
        sb.Append("{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[");
        sb.Append("{\"id\":0,\"content\":\"<s>\",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true},");
        sb.Append("{\"id\":1,\"content\":\"</s>\",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true}],");
        sb.Append("\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"WhitespaceSplit\"},\"post_processor\":null,");
        sb.Append("\"decoder\":{\"type\":\"WordPiece\",\"prefix\":\"##\",\"cleanup\":false},");
        sb.Append("\"model\":{\"type\":\"WordLevel\",\"unk_token\":\"<unk>\",\"vocab\":");
        sb.Append(JsonSerializer.Serialize(vocab));
        sb.Append("}}");
        return sb.ToString();
    }
}
