namespace Nlset.Rendering.Figures;

/// <summary>Values of a function of two variables on a regular grid over [XMin, XMax] × [YMin, YMax], row-major, row 0 at YMin.</summary>
public sealed record ScalarGrid(double XMin, double XMax, double YMin, double YMax, int Columns, int Rows, double[] Values)
{
    public ScalarGrid Validated()
    {
        if (Columns < 2 || Rows < 2) throw new ArgumentException($"a grid needs at least 2 × 2 samples, got {Columns} × {Rows}");
        if (Values.Length != Columns * Rows) throw new ArgumentException($"{Values.Length} values for a {Columns} × {Rows} grid");
        if (!(XMax > XMin) || !(YMax > YMin)) throw new ArgumentException("the grid's window is empty");
        return this;
    }

    public double this[int column, int row] => Values[row * Columns + column];
    public double X(int column) => XMin + (XMax - XMin) * column / (Columns - 1);
    public double Y(int row) => YMin + (YMax - YMin) * row / (Rows - 1);
}
