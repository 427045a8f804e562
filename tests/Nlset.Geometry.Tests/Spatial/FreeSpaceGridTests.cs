using Nlset.Geometry.Sampling;
using Nlset.Geometry.Shapes;
using Nlset.Geometry.Spatial;

namespace Nlset.Geometry.Tests.Spatial;

public class FreeSpaceGridTests
{
    /// <summary>Points on the faces of the axis-aligned cube [−0.3, 0.3]³, on a 0.01 lattice, leaving out the listed faces.</summary>
    static List<Vector3d> CubeFaces(params string[] leaveOut)
    {
        var points = new List<Vector3d>();
        for (int a = -30; a <= 30; a++)
            for (int b = -30; b <= 30; b++)
            {
                double u = a / 100.0, v = b / 100.0;
                if (!leaveOut.Contains("-x")) points.Add(new(-0.3, u, v));
                if (!leaveOut.Contains("+x")) points.Add(new(0.3, u, v));
                if (!leaveOut.Contains("-y")) points.Add(new(u, -0.3, v));
                if (!leaveOut.Contains("+y")) points.Add(new(u, 0.3, v));
                if (!leaveOut.Contains("-z")) points.Add(new(u, v, -0.3));
                if (!leaveOut.Contains("+z")) points.Add(new(u, v, 0.3));
            }
        return points;
    }

    [Fact]
    public void InsideAClosedCubeNothingIsOutsideAndAroundItEverythingIs()
    {
        var grid = FreeSpaceGrid.Build(CubeFaces(), 0.6, 48);
        Assert.False(grid.IsOutside(new Vector3d(0, 0, 0)));
        Assert.False(grid.IsOutside(new Vector3d(0.2, -0.2, 0.25)));
        Assert.True(grid.IsOutside(new Vector3d(0.5, 0, 0)));              // beside a face: sees out along 5 directions
        Assert.True(grid.IsOutside(new Vector3d(-0.55, 0.55, 0.55)));      // a corner of the box
        Assert.False(grid.IsOutside(new Vector3d(0.31, 0, 0)));             // next to the data: the dilated band is unknown
        Assert.False(grid.IsOutside(new Vector3d(2, 0, 0)));                // beyond the grid: unknown
        // The inside of the data cube is about 0.5³ of the grid cube's 1.2³ volume (less the dilated faces).
        Assert.InRange(grid.OutsideFraction, 0.70, 0.92);
    }

    [Fact]
    public void AnOpenFaceLetsOneDirectionInWhichIsNotEnough()
    {
        var open = CubeFaces("+y");
        Assert.False(FreeSpaceGrid.Build(open, 0.6, 48, minDirections: 2).IsOutside(new Vector3d(0, 0, 0)));
        Assert.True(FreeSpaceGrid.Build(open, 0.6, 48, minDirections: 1).IsOutside(new Vector3d(0, 0, 0)));
        // With two opposite faces missing the inside is a tunnel: it sees out both ways.
        Assert.True(FreeSpaceGrid.Build(CubeFaces("+y", "-y"), 0.6, 48).IsOutside(new Vector3d(0, 0, 0)));
    }

    [Fact]
    public void TheGapBetweenTwoSlabsIsOutside()
    {
        // Two closed spheres side by side, 0.2 apart, like a pair of legs: the gap between them sees out along y and z.
        var points = new List<Vector3d>();
        foreach (var centre in new[] { -0.25, 0.25 })
        {
            var sphere = Icosphere.Create(3, 0.15, new Vector3d(centre, 0, 0));
            points.AddRange(SurfaceSampler.SamplePointCloud(sphere, 20000, seed: 1).Vertices);
        }
        var grid = FreeSpaceGrid.Build(points, 0.6, FreeSpaceGrid.ResolutionFor(0.005, 0.6));
        Assert.True(grid.IsOutside(new Vector3d(0, 0, 0)));
        Assert.False(grid.IsOutside(new Vector3d(-0.25, 0, 0)));
        Assert.False(grid.IsOutside(new Vector3d(0.25, 0.05, 0)));
    }

    [Fact]
    public void APlaceBlockedAlongEveryAxisButOpenAlongTheDiagonalsIsOutside()
    {
        // Six square plates (0.2 wide) 0.3 from the centre on the axes, like the strands around a knot's core: every
        // axis direction from the centre hits a plate, the diagonals pass between them.
        var points = new List<Vector3d>();
        for (int a = -10; a <= 10; a++)
            for (int b = -10; b <= 10; b++)
            {
                double u = a / 100.0, v = b / 100.0;
                foreach (var side in new[] { -0.3, 0.3 })
                {
                    points.Add(new(side, u, v));
                    points.Add(new(u, side, v));
                    points.Add(new(u, v, side));
                }
            }
        var grid = FreeSpaceGrid.Build(points, 0.6, 48);
        Assert.True(grid.IsOutside(new Vector3d(0, 0, 0)));
        Assert.True(grid.IsOutside(new Vector3d(0.05, -0.05, 0.02)));
        Assert.False(grid.IsOutside(new Vector3d(0.3, 0, 0)));             // on a plate
    }

    [Fact]
    public void InsideAClosedSphereNothingIsOutsideAlongAnyDirection()
    {
        // A closed sampled surface blocks the diagonals as well as the axes (the dilation closes the staircase gaps).
        var sphere = Icosphere.Create(4, 0.4);
        var points = SurfaceSampler.SamplePointCloud(sphere, 40000, seed: 2).Vertices;
        var grid = FreeSpaceGrid.Build(points, 0.6, FreeSpaceGrid.ResolutionFor(PointSpacing.Median(points), 0.6));
        int n = grid.Resolution, inside = 0;
        for (int k = 0; k < n; k++)
            for (int j = 0; j < n; j++)
                for (int i = 0; i < n; i++)
                {
                    var centre = new Vector3d(-0.6 + (i + 0.5) * grid.CellSize, -0.6 + (j + 0.5) * grid.CellSize, -0.6 + (k + 0.5) * grid.CellSize);
                    if (centre.Length < 0.38 && grid.IsOutside(centre)) inside++;
                }
        Assert.Equal(0, inside);
        Assert.True(grid.IsOutside(new Vector3d(0.5, 0.5, 0.5)));
    }

    [Fact]
    public void ResolutionFollowsTheSpacingWithinBounds()
    {
        Assert.Equal(80, FreeSpaceGrid.ResolutionFor(0.005, 0.6));
        Assert.Equal(128, FreeSpaceGrid.ResolutionFor(0.0001, 0.6));
        Assert.Equal(16, FreeSpaceGrid.ResolutionFor(0.5, 0.6));
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        var points = CubeFaces();
        Assert.Throws<ArgumentOutOfRangeException>(() => FreeSpaceGrid.Build(points, 0, 32));
        Assert.Throws<ArgumentOutOfRangeException>(() => FreeSpaceGrid.Build(points, 0.6, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => FreeSpaceGrid.Build(points, 0.6, 32, minDirections: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => FreeSpaceGrid.Build(points, 0.6, 32, minDirections: 0));
    }
}
