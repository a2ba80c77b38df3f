using RagPlatform.Core.Errors;
using RagPlatform.Generation.Building;
using RagPlatform.Generation.Checkpoints;
using RagPlatform.Generation.Runtime;
using RagPlatform.Generation.Tokenization;

namespace RagPlatform.Generation;

/// <summary>
/// Opens a checkpoint folder, builds (or reuses) its ONNX decoder and holds the session, tokenizer and generation
/// loop together.
/// </summary>
public sealed class LocalGenerator : IDisposable
{
    private readonly DecoderSession _session;
    private readonly ModelTokenizer _tokenizer;

    private LocalGenerator(BuiltModel model, DecoderSession session, ModelTokenizer tokenizer, int prefillBlock)
    {
        Model = model;
        _session = session;
        _tokenizer = tokenizer;
        Generator = new TextGenerator(session, tokenizer, model.Config, prefillBlock);
    }

    public BuiltModel Model { get; }

    public TextGenerator Generator { get; }

    public DecoderSession Session => _session;

    public ModelTokenizer Tokenizer => _tokenizer;

    public static LocalGenerator Open(GeneratorOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ModelPath) || !Directory.Exists(options.ModelPath))
        {
            throw new DirectoryNotFoundException($"Generator model folder '{options.ModelPath}' does not exist.");
        }

        try
        {
            return Load(options);
        }
        catch (Exception ex) when (ex is Microsoft.ML.OnnxRuntime.OnnxRuntimeException or InvalidDataException)
        {
            // Mapped once here, so hosts need not know ONNX Runtime's exception types.
            throw new ModelLoadException($"The generator model in '{options.ModelPath}' cannot be loaded: {ex.Message}", ex);
        }
    }

    private static LocalGenerator Load(GeneratorOptions options)
    {
        var precision = options.ToDevice() == ExecutionDevice.Cuda ? ModelPrecision.Float16 : ModelPrecision.Float32;
        BuiltModel model;
        using (var checkpoint = Checkpoint.Open(options.ModelPath!))
        {
            model = ModelBuilder.BuildOrReuse(checkpoint, options.ToAttention(), precision, options.Weights == "int8");
        }

        var tokenizer = new ModelTokenizer(Path.Combine(options.ModelPath!, "tokenizer.json"));
        try
        {
            var session = new DecoderSession(model, options.ToDevice(), options.ContextTokens, fixedStep: options.CudaGraph && options.ToDevice() == ExecutionDevice.Cuda);
            return new LocalGenerator(model, session, tokenizer, options.PrefillBlock);
        }
        catch
        {
            tokenizer.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Generator.Dispose();
        _session.Dispose();
        _tokenizer.Dispose();
    }
}
