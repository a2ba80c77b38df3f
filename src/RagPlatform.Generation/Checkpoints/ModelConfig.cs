using System.Text.Json;

namespace RagPlatform.Generation.Checkpoints;

/// <summary>The parts of a Llama-family config.json (Llama, Qwen2, Mistral) the decoder needs.</summary>
public sealed record ModelConfig
{
    public required string Architecture { get; init; }

    public required string ModelType { get; init; }

    public required int HiddenSize { get; init; }

    public required int IntermediateSize { get; init; }

    public required int NumLayers { get; init; }

    public required int NumHeads { get; init; }

    public required int NumKvHeads { get; init; }

    public required int HeadDim { get; init; }

    public required int VocabSize { get; init; }

    public required float RmsNormEps { get; init; }

    public required bool TieWordEmbeddings { get; init; }

    /// <summary>Qwen2 has biases on the q, k and v projections.</summary>
    public required bool AttentionBias { get; init; }

    public required int MaxPositionEmbeddings { get; init; }

    public required RopeSettings Rope { get; init; }

    public required IReadOnlyList<int> EosTokenIds { get; init; }

    public int? BosTokenId { get; init; }

    public static ModelConfig Load(string configPath, string? generationConfigPath = null)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(configPath));
        var root = doc.RootElement;
        var architecture = root.TryGetProperty("architectures", out var archs) && archs.GetArrayLength() > 0
            ? archs[0].GetString() ?? "" : "";
        var modelType = Str(root, "model_type") ?? "";
        if (architecture is not ("LlamaForCausalLM" or "Qwen2ForCausalLM" or "MistralForCausalLM")
            && modelType is not ("llama" or "qwen2" or "mistral"))
        {
            throw new InvalidDataException(
                $"{configPath}: architecture '{architecture}' (model_type '{modelType}') is not supported; expected LlamaForCausalLM, Qwen2ForCausalLM or MistralForCausalLM.");
        }

        var hidden = Int(root, "hidden_size") ?? throw Missing(configPath, "hidden_size");
        var heads = Int(root, "num_attention_heads") ?? throw Missing(configPath, "num_attention_heads");
        var isQwen = modelType == "qwen2" || architecture == "Qwen2ForCausalLM";
        var eos = TokenIds(root, "eos_token_id");
        int? bos = Int(root, "bos_token_id");
        if (generationConfigPath is not null && File.Exists(generationConfigPath))
        {
            using var gen = JsonDocument.Parse(File.ReadAllBytes(generationConfigPath));
            var genEos = TokenIds(gen.RootElement, "eos_token_id");
            eos = genEos.Count > 0 ? genEos : eos;
            bos = Int(gen.RootElement, "bos_token_id") ?? bos;
        }

        return new ModelConfig
        {
            Architecture = architecture,
            ModelType = isQwen ? "qwen2" : modelType == "mistral" || architecture == "MistralForCausalLM" ? "mistral" : "llama",
            HiddenSize = hidden,
            IntermediateSize = Int(root, "intermediate_size") ?? throw Missing(configPath, "intermediate_size"),
            NumLayers = Int(root, "num_hidden_layers") ?? throw Missing(configPath, "num_hidden_layers"),
            NumHeads = heads,
            NumKvHeads = Int(root, "num_key_value_heads") ?? heads,
            HeadDim = Int(root, "head_dim") ?? hidden / heads,
            VocabSize = Int(root, "vocab_size") ?? throw Missing(configPath, "vocab_size"),
            RmsNormEps = (float)(Dbl(root, "rms_norm_eps") ?? 1e-6),
            TieWordEmbeddings = root.TryGetProperty("tie_word_embeddings", out var tie) && tie.ValueKind == JsonValueKind.True,
            AttentionBias = isQwen || (root.TryGetProperty("attention_bias", out var ab) && ab.ValueKind == JsonValueKind.True),
            MaxPositionEmbeddings = Int(root, "max_position_embeddings") ?? 4096,
            Rope = RopeSettings.Parse(root, configPath),
            EosTokenIds = eos,
            BosTokenId = bos,
        };
    }

    internal static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    internal static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    internal static double? Dbl(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static List<int> TokenIds(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) ? []
        : v.ValueKind == JsonValueKind.Number ? [v.GetInt32()]
        : v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(x => x.GetInt32()).ToList()
        : [];

    private static InvalidDataException Missing(string path, string field) => new($"{path} has no '{field}'.");
}
