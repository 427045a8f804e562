using Nlset.Geometry;
using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Core.Tests;

public class DeviceSelectionTests
{
    [Theory]
    [InlineData("cpu")]
    [InlineData("CPU")]
    [InlineData(" cpu ")]
    public void CpuIsAlwaysAvailable(string name) => Assert.Equal(DeviceType.CPU, DeviceSelection.Resolve(name).type);

    [Fact]
    public void AutoFallsBackToCpuWithoutCuda()
    {
        var expected = cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU;
        Assert.Equal(expected, DeviceSelection.Resolve("auto").type);
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:0")]
    public void CudaOnACpuOnlyMachineIsAClearInputError(string name)
    {
        if (cuda.is_available()) return;          // this project builds against TorchSharp-cpu: never taken here
        var error = Assert.Throws<InvalidInputException>(() => DeviceSelection.Resolve(name));
        // The build ships only libtorch_cpu: the message says so and what a CUDA build needs, not "no GPU found".
        Assert.Contains("this build of nlset is CPU-only", error.Message);
        Assert.Contains("TorchSharp-cuda-linux", error.Message);
        Assert.Contains("use Device cpu or auto", error.Message);
    }

    [Theory]
    [InlineData("gpu", "unknown device")]
    [InlineData("", "unknown device")]
    [InlineData("cuda:x", "cuda:N")]
    [InlineData("cuda:-1", "cuda:N")]
    public void UnknownNamesAreRejected(string name, string expected)
    {
        var error = Assert.Throws<InvalidInputException>(() => DeviceSelection.Resolve(name));
        Assert.Contains(expected, error.Message);
    }
}
