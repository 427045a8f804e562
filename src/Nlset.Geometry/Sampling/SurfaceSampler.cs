using Nlset.Geometry.Randomness;

namespace Nlset.Geometry.Sampling;

/// <summary>
/// Draws points uniformly by area from a triangle mesh, or uniformly by length from polylines when
/// the mesh has no triangles. An element is chosen with probability proportional to its measure
/// by binary search in the cumulative table; a point inside a triangle by the square-root trick
/// (Osada et al. 2002, §4.2): with r1, r2 uniform, s = √r1, p = (1 − s)A + s(1 − r2)B + s·r2·C is
/// uniform over the triangle. Degenerate triangles and zero-length segments have measure 0 and are
/// never chosen. Sampling is sequential, so a given stream always yields the same points.
/// </summary>
public sealed class SurfaceSampler
{
    readonly Vector3d[] _vertices;
    readonly int[] _corners;          // triangles: 3 vertex indices each; curves: 2 per segment
    readonly double[] _cumulative;    // running sum of element measures
    readonly Vector3d[]? _faceNormals;
    readonly int _lastPositive;       // last element of positive measure: the answer when rounding puts the draw at the very end

    /// <exception cref="InvalidInputException">Nothing to sample, an index out of range, a non-finite coordinate, or zero total area/length.</exception>
    public SurfaceSampler(Mesh mesh)
    {
        _vertices = mesh.Vertices;
        if (mesh.HasTriangles)
        {
            SamplesCurves = false;
            _corners = mesh.Triangles;
            CheckCorners(mesh, _corners, "triangle", 3);
            int n = mesh.TriangleCount;
            _cumulative = new double[n];
            _faceNormals = new Vector3d[n];
            double total = 0;
            for (int t = 0; t < n; t++)
            {
                var triangle = new Triangle3d(_vertices[_corners[3 * t]], _vertices[_corners[3 * t + 1]], _vertices[_corners[3 * t + 2]]);
                double area = triangle.Area;
                _faceNormals[t] = triangle.Normal;
                if (area > 0) _lastPositive = t;
                total += area;
                _cumulative[t] = total;
            }
            TotalMeasure = total;
            if (!(total > 0)) throw new InvalidInputException($"the mesh has zero surface area: all {n} triangles are degenerate");
        }
        else if (mesh.HasPolylines)
        {
            SamplesCurves = true;
            var segments = new List<int>();
            foreach (var line in mesh.Polylines)
                for (int i = 0; i + 1 < line.Length; i++) segments.AddRange([line[i], line[i + 1]]);
            _corners = [.. segments];
            CheckCorners(mesh, _corners, "polyline segment", 2);
            int n = _corners.Length / 2;
            _cumulative = new double[n];
            double total = 0;
            for (int s = 0; s < n; s++)
            {
                double length = (_vertices[_corners[2 * s + 1]] - _vertices[_corners[2 * s]]).Length;
                if (length > 0) _lastPositive = s;
                total += length;
                _cumulative[s] = total;
            }
            TotalMeasure = total;
            if (!(total > 0)) throw new InvalidInputException($"the polylines have zero total length ({n} segments)");
        }
        else
        {
            throw new InvalidInputException("there is no surface to sample: the input has no triangles or polylines (a point cloud)");
        }
    }

    /// <summary>True when the mesh has no triangles and its polylines are sampled by length.</summary>
    public bool SamplesCurves { get; }

    /// <summary>Total area of the triangles (degenerate ones count 0), or total polyline length.</summary>
    public double TotalMeasure { get; }

    /// <summary>
    /// <paramref name="count"/> samples, optionally displaced by isotropic Gaussian noise of standard
    /// deviation <paramref name="noiseSigma"/> per coordinate. The positions come from
    /// random.Stream(0) and the noise from random.Stream(1); <paramref name="random"/>'s own state is
    /// not advanced, so the result depends only on its identity (seed and stream) and the same
    /// positions underlie every noise level.
    /// </summary>
    public SurfaceSamples Sample(int count, SeededRandom random, double noiseSigma = 0)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "the sample count cannot be negative");
        if (!(noiseSigma >= 0) || !double.IsFinite(noiseSigma))
            throw new ArgumentOutOfRangeException(nameof(noiseSigma), noiseSigma, "the noise deviation must be a finite non-negative number");
        var positions = random.Stream(0);
        var points = new Vector3d[count];
        var elements = new int[count];
        var normals = SamplesCurves ? null : new Vector3d[count];
        for (int i = 0; i < count; i++)
        {
            int e = ChooseElement(positions.NextDouble() * TotalMeasure);
            elements[i] = e;
            if (SamplesCurves)
            {
                var a = _vertices[_corners[2 * e]];
                var b = _vertices[_corners[2 * e + 1]];
                points[i] = a + (b - a) * positions.NextDouble();
            }
            else
            {
                var a = _vertices[_corners[3 * e]];
                var b = _vertices[_corners[3 * e + 1]];
                var c = _vertices[_corners[3 * e + 2]];
                double s = Math.Sqrt(positions.NextDouble());
                double r2 = positions.NextDouble();
                // A + u(B − A) + v(C − A) with u = s(1 − r2), v = s·r2: the same point as the weighted
                // sum in the summary, but a coordinate shared by all three corners comes out exactly.
                points[i] = a + (b - a) * (s * (1 - r2)) + (c - a) * (s * r2);
                normals![i] = _faceNormals![e];
            }
        }
        if (noiseSigma > 0)
        {
            var noise = random.Stream(1);
            for (int i = 0; i < count; i++)
                points[i] += new Vector3d(noise.NextGaussian(), noise.NextGaussian(), noise.NextGaussian()) * noiseSigma;
        }
        return new SurfaceSamples(points, normals, elements);
    }

    /// <summary>Samples <paramref name="mesh"/> into a point cloud with face normals (none for curves): the one call for a command that writes samples.</summary>
    public static Mesh SamplePointCloud(Mesh mesh, int count, long seed = 0, double noiseSigma = 0) =>
        new SurfaceSampler(mesh).Sample(count, new SeededRandom(seed), noiseSigma).ToPointCloud();

    /// <summary>The first element whose running measure exceeds <paramref name="u"/>: elements of measure 0 never qualify.</summary>
    int ChooseElement(double u)
    {
        int lo = 0, hi = _cumulative.Length;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            if (_cumulative[mid] > u) hi = mid;
            else lo = mid + 1;
        }
        return lo < _cumulative.Length ? lo : _lastPositive;
    }

    static void CheckCorners(Mesh mesh, int[] corners, string element, int perElement)
    {
        for (int i = 0; i < corners.Length; i++)
        {
            int v = corners[i];
            if ((uint)v >= (uint)mesh.VertexCount)
                throw new InvalidInputException($"{element} {i / perElement} refers to vertex {v}, but there are {mesh.VertexCount} vertices");
            if (!mesh.Vertices[v].IsFinite)
                throw new InvalidInputException($"vertex {v} (used by {element} {i / perElement}) has a coordinate that is not finite");
        }
    }
}
