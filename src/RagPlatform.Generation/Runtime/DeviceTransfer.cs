using Microsoft.ML.OnnxRuntime;
using RagPlatform.Generation.Building;
using DataType = Onnx.TensorProto.Types.DataType;

namespace RagPlatform.Generation.Runtime;

/// <summary>
/// Copies tensors between host and device through a tiny Identity session on the decoder's execution provider
/// (ONNX Runtime does the copy); on the CPU it is a plain copy. Used to upload the rotary caches once and the
/// token and length of each captured decode step.
/// </summary>
internal sealed class DeviceTransfer : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly int _count;

    public DeviceTransfer(SessionOptions options, params DataType[] types)
    {
        _count = types.Length;
        _session = new InferenceSession(TransferGraphBuilder.Build(types), options);
    }

    /// <summary>Copies source[i] into destination[i] (same shapes); returns when the copies are done.</summary>
    public void Copy(IReadOnlyList<OrtValue> source, IReadOnlyList<OrtValue> destination)
    {
        if (source.Count != _count || destination.Count != _count)
        {
            throw new ArgumentException($"This transfer copies {_count} tensors.", nameof(source));
        }

        using var binding = _session.CreateIoBinding();
        for (var i = 0; i < _count; i++)
        {
            binding.BindInput(TransferGraphBuilder.InputName(i), source[i]);
            binding.BindOutput(TransferGraphBuilder.OutputName(i), destination[i]);
        }

        _session.RunWithBinding(_run, binding);
        binding.SynchronizeBoundOutputs();
    }

    public void Dispose()
    {
        _session.Dispose();
        _run.Dispose();
    }
}
