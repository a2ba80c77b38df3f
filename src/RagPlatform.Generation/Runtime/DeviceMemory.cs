using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace RagPlatform.Generation.Runtime;

/// <summary>
/// Long-lived buffers for the KV cache and landmarks: native host memory on CPU, ONNX Runtime's CUDA allocator on
/// the GPU. Views into them become OrtValues without copying.
/// </summary>
internal sealed unsafe class DeviceMemory : IDisposable
{
    private readonly List<IntPtr> _host = [];
    private readonly List<OrtMemoryAllocation> _device = [];
    private readonly OrtAllocator? _allocator;

    public DeviceMemory(ExecutionDevice device, InferenceSession session)
    {
        if (device == ExecutionDevice.Cuda)
        {
            Info = new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, 0, OrtMemType.Default);
            _allocator = new OrtAllocator(session, Info);
        }
        else
        {
            Info = OrtMemoryInfo.DefaultInstance;
        }
    }

    public OrtMemoryInfo Info { get; }

    public long BytesAllocated { get; private set; }

    public IntPtr Allocate(long bytes)
    {
        bytes = Math.Max(bytes, 64);
        BytesAllocated += bytes;
        if (_allocator is null)
        {
            var p = (IntPtr)NativeMemory.AlignedAlloc((nuint)bytes, 64);
            NativeMemory.Clear((void*)p, (nuint)bytes);
            _host.Add(p);
            return p;
        }

        if (bytes > uint.MaxValue)
        {
            throw new InvalidOperationException($"One KV buffer of {bytes} bytes is larger than the allocator accepts; lower the context budget.");
        }

        var a = _allocator.Allocate((uint)bytes);
        _device.Add(a);
        return a.DangerousGetHandle();
    }

    public void Dispose()
    {
        foreach (var p in _host)
        {
            NativeMemory.AlignedFree((void*)p);
        }

        foreach (var a in _device)
        {
            a.Dispose();
        }

        _allocator?.Dispose();
        _host.Clear();
        _device.Clear();
    }
}
