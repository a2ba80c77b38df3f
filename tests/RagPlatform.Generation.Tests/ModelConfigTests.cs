using RagPlatform.Generation.Checkpoints;

namespace RagPlatform.Generation.Tests;

public sealed class ModelConfigTests
{
    private const string Shape = "\"hidden_size\":2048,\"intermediate_size\":8192,\"num_hidden_layers\":16,\"num_attention_heads\":32,\"num_key_value_heads\":8,\"vocab_size\":128256";

    private static ModelConfig Load(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), "ragp-config-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        try
        {
            return ModelConfig.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Transformers5_rope_parameters_give_theta_and_llama3_scaling()
    {
        var config = Load("{\"architectures\":[\"LlamaForCausalLM\"],\"model_type\":\"llama\"," + Shape +
            ",\"rope_parameters\":{\"rope_theta\":500000.0,\"rope_type\":\"llama3\",\"factor\":32.0,\"low_freq_factor\":1.0,\"high_freq_factor\":4.0,\"original_max_position_embeddings\":8192},\"eos_token_id\":[128001,128009]}");
        Assert.Equal(500000.0, config.Rope.Theta);
        Assert.Equal("llama3", config.Rope.Type);
        Assert.Equal(64, config.HeadDim);
        Assert.Equal([128001, 128009], config.EosTokenIds);
        var inv = config.Rope.InverseFrequencies(64);
        Assert.Equal(1.0f, inv[0]); // the highest frequency is kept
        var lowest = 1.0 / Math.Pow(500000.0, 62.0 / 64.0) / 32.0; // wavelength beyond 8192: divided by the factor
        Assert.Equal(lowest, inv[31], lowest * 1e-5);
    }

    [Fact]
    public void Older_rope_theta_and_rope_scaling_are_read_and_unknown_types_refused()
    {
        var linear = Load("{\"model_type\":\"mistral\"," + Shape + ",\"rope_theta\":1000000.0,\"rope_scaling\":{\"type\":\"linear\",\"factor\":4.0}}");
        Assert.Equal("mistral", linear.ModelType);
        Assert.Equal(1.0 / 4.0, linear.Rope.InverseFrequencies(64)[0], 1e-7);
        var error = Assert.Throws<InvalidDataException>(() => Load("{\"model_type\":\"llama\"," + Shape + ",\"rope_scaling\":{\"rope_type\":\"longrope\",\"factor\":4.0}}"));
        Assert.Contains("longrope", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => Load("{\"model_type\":\"gpt2\"," + Shape + "}"));
    }
}
