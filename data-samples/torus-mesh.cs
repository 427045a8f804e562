// Writes the analytic torus that data-samples/torus.xyz is sampled from (see README.md):
//   dotnet run data-samples/torus-mesh.cs -- OUT.off
// Major radius 0.35, minor 0.12, about the z axis; 512 × 256 segments keep the facets within
// 2e-5 of the true torus (the ring's and the tube's sags, ≈ 9e-6 each, add up inside a facet;
// measured on torus.xyz: at most 1.8e-5), far below the ~0.01 spacing of 5,000 samples.
#:project ../src/Nlset.Geometry/Nlset.Geometry.csproj
using Nlset.Geometry.IO;
using Nlset.Geometry.Shapes;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: dotnet run data-samples/torus-mesh.cs -- OUT.off");
    return 2;
}
GeometryFiles.Write(args[0], Torus.Create(majorRadius: 0.35, minorRadius: 0.12, majorSegments: 512, minorSegments: 256));
return 0;
