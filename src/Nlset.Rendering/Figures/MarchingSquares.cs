namespace Nlset.Rendering.Figures;

/// <summary>
/// Level curves {f = c} of a sampled function of two variables: in each grid cell the crossings of c on its edges are
/// found by linear interpolation and joined (two or four per cell; a saddle cell is split by the cell's mean value),
/// then the segments are chained through the edges they share into polylines — closed ones repeat their first point.
/// Own code rather than a plotting library's contour, so that the ±1 level sets are exactly the ones drawn and the
/// chaining is tested.
/// </summary>
public static class MarchingSquares
{
    public static IReadOnlyList<(double X, double Y)[]> Contour(ScalarGrid grid, double level)
    {
        grid.Validated();
        int nx = grid.Columns, ny = grid.Rows;
        // Edge ids: horizontal edge (i, j)→(i+1, j) is j·(nx−1) + i; vertical edge (i, j)→(i, j+1) follows after all horizontal ones.
        int horizontal = (nx - 1) * ny;
        int H(int i, int j) => j * (nx - 1) + i;
        int V(int i, int j) => horizontal + j * nx + i;
        var points = new Dictionary<int, (double X, double Y)>();
        var segments = new List<(int A, int B)>();

        (double, double) Crossing(int edge)
        {
            int i0, j0, i1, j1;
            if (edge < horizontal) { j0 = j1 = edge / (nx - 1); i0 = edge % (nx - 1); i1 = i0 + 1; }
            else { int e = edge - horizontal; j0 = e / nx; i0 = i1 = e % nx; j1 = j0 + 1; }
            double a = grid[i0, j0] - level, b = grid[i1, j1] - level;
            double t = a == b ? 0.5 : a / (a - b);
            return (grid.X(i0) + t * (grid.X(i1) - grid.X(i0)), grid.Y(j0) + t * (grid.Y(j1) - grid.Y(j0)));
        }
        void Add(int a, int b)
        {
            if (!points.ContainsKey(a)) points[a] = Crossing(a);
            if (!points.ContainsKey(b)) points[b] = Crossing(b);
            segments.Add((a, b));
        }

        for (int j = 0; j + 1 < ny; j++)
            for (int i = 0; i + 1 < nx; i++)
            {
                double v00 = grid[i, j] - level, v10 = grid[i + 1, j] - level, v11 = grid[i + 1, j + 1] - level, v01 = grid[i, j + 1] - level;
                if (!(double.IsFinite(v00) && double.IsFinite(v10) && double.IsFinite(v11) && double.IsFinite(v01))) continue;
                int bottom = H(i, j), top = H(i, j + 1), left = V(i, j), right = V(i + 1, j);
                // "Above" is ≥ 0, so a value exactly on the level belongs to one side and no crossing is counted twice.
                int index = (v00 >= 0 ? 1 : 0) | (v10 >= 0 ? 2 : 0) | (v11 >= 0 ? 4 : 0) | (v01 >= 0 ? 8 : 0);
                switch (index)
                {
                    case 0 or 15: break;
                    case 1 or 14: Add(left, bottom); break;
                    case 2 or 13: Add(bottom, right); break;
                    case 3 or 12: Add(left, right); break;
                    case 4 or 11: Add(right, top); break;
                    case 6 or 9: Add(bottom, top); break;
                    case 7 or 8: Add(left, top); break;
                    case 5 or 10:
                        // Saddle: opposite corners agree. If the centre is on the side of corner 00, that side connects through the middle.
                        bool centreAbove = (v00 + v10 + v11 + v01) / 4 >= 0;
                        bool cornerAbove = v00 >= 0;
                        if (centreAbove == cornerAbove) { Add(left, top); Add(bottom, right); }
                        else { Add(left, bottom); Add(right, top); }
                        break;
                }
            }
        return Chain(segments, points);
    }

    /// <summary>Joins segments sharing an edge crossing into maximal polylines (each crossing is shared by at most two segments).</summary>
    static List<(double X, double Y)[]> Chain(List<(int A, int B)> segments, Dictionary<int, (double X, double Y)> points)
    {
        var incident = new Dictionary<int, List<int>>();
        for (int s = 0; s < segments.Count; s++)
        {
            foreach (var p in new[] { segments[s].A, segments[s].B })
            {
                if (!incident.TryGetValue(p, out var list)) incident[p] = list = [];
                list.Add(s);
            }
        }
        var used = new bool[segments.Count];
        var lines = new List<(double X, double Y)[]>();
        int Other(int s, int p) => segments[s].A == p ? segments[s].B : segments[s].A;
        int? NextSegment(int p) => incident[p].Where(s => !used[s]).Select(s => (int?)s).FirstOrDefault();

        // Open chains first (from crossings on one segment only: the grid's border), then the closed loops left.
        var starts = incident.Where(kv => kv.Value.Count == 1).Select(kv => kv.Key).Concat(incident.Keys).ToList();
        foreach (var start in starts)
        {
            if (NextSegment(start) is null) continue;
            var chain = new List<int> { start };
            int at = start;
            while (NextSegment(at) is { } s)
            {
                used[s] = true;
                at = Other(s, at);
                chain.Add(at);
            }
            lines.Add(chain.Select(p => points[p]).ToArray());
        }
        return lines;
    }
}
