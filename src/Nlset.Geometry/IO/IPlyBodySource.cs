namespace Nlset.Geometry.IO;

/// <summary>
/// The values of a PLY body, one element instance after another, whatever the encoding. The reader
/// is generic over this interface so that the ascii and binary sources (ref structs over the file's
/// bytes) are specialised and inlined rather than called virtually per value.
/// </summary>
internal interface IPlyBodySource
{
    /// <summary>Starts instance <paramref name="index"/> of <paramref name="element"/> (ascii: its line).</summary>
    void BeginInstance(PlyElement element, int index);
    /// <summary>A scalar widened to double, parsed as its declared type (so ascii floats round-trip exactly).</summary>
    double ReadReal(PlyScalarType type);
    /// <summary>An integer scalar (list counts, indices).</summary>
    long ReadInteger(PlyScalarType type);
    void Skip(PlyScalarType type, long count);
    /// <summary>Ends the instance; ascii checks that its line holds no more values than declared.</summary>
    void EndInstance();
    /// <summary>Checks that nothing follows the last element.</summary>
    void EndBody();
    /// <summary>The most instances of <paramref name="element"/> the rest of the body could hold if each list had
    /// <paramref name="listItems"/> items: bounds allocations so a corrupt count cannot demand gigabytes before
    /// the truncation is found.</summary>
    int MaxInstances(PlyElement element, int listItems);
    /// <summary>Where the source is, for error messages ("vertex 1041", or "line 57 (face 7)").</summary>
    string Location { get; }
}
