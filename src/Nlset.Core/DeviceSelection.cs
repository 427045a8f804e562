using Nlset.Geometry;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Core;

/// <summary>Turns the tools' <c>--device</c> value into a torch device.</summary>
public static class DeviceSelection
{
    /// <summary>
    /// "auto": CUDA if available, else CPU; "cpu"; "cuda" or "cuda:N" (N = GPU index). Case-insensitive.
    /// Asking for CUDA where it is not available, or an unknown name, is an <see cref="InvalidInputException"/>.
    /// </summary>
    public static Device Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim().ToLowerInvariant();
        if (key == "auto") return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        if (key == "cpu") return torch.CPU;
        if (key == "cuda" || key.StartsWith("cuda:", StringComparison.Ordinal))
        {
            var index = 0;
            if (key.Length > 4 && !int.TryParse(key[5..], System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out index))
                throw new InvalidInputException($"device '{name}': expected cuda or cuda:N with N a GPU index");
            if (!torch.cuda.is_available())
            {
                var cudaLibTorch = HasCudaLibTorch();
                throw InvalidInputException.ForSetting("Device", setting => cudaLibTorch
                    ? $"device '{name}': CUDA is not available: no GPU or driver was found; use {setting} cpu or auto"
                    : $"device '{name}': this build of nlset is CPU-only (it ships TorchSharp-cpu); a CUDA build needs the package "
                      + $"TorchSharp-cuda-linux (or TorchSharp-cuda-windows) in place of TorchSharp-cpu, see the README's 'GPU' section; use {setting} cpu or auto");
            }
            var count = torch.cuda.device_count();
            if (index >= count)
                throw new InvalidInputException($"device '{name}': there {(count == 1 ? "is 1 GPU" : $"are {count} GPUs")} (indices from 0)");
            return new Device(DeviceType.CUDA, index);
        }
        throw new InvalidInputException($"unknown device '{name}' (expected auto, cpu or cuda)");
    }

    /// <summary>Whether the CUDA build of libtorch ships with this program: TorchSharp-cpu brings only libtorch_cpu, so its
    /// absence tells a CPU-only build (where no GPU can help) from a machine without a GPU or driver.</summary>
    static bool HasCudaLibTorch()
    {
        try
        {
            return Directory.EnumerateFiles(AppContext.BaseDirectory, "*torch_cuda*", SearchOption.AllDirectories).Any();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
