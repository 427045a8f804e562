namespace Nlset.Classification.Models.PyTorch;

/// <summary>A class or function a pickle names by module and name (<c>GLOBAL torch FloatStorage</c>).</summary>
public sealed record PythonGlobal(string Module, string Name)
{
    public override string ToString() => $"{Module}.{Name}";
}

/// <summary>
/// An object of a class the reader does not interpret (a numpy scalar, an argparse Namespace, a whole nn.Module): the
/// callable, its arguments and the state BUILD gave it. Kept so that a checkpoint with such extras beside its state dict
/// still reads; nothing in it is executed.
/// </summary>
public sealed class PythonObject(PythonGlobal type, object?[] arguments)
{
    public PythonGlobal Type { get; } = type;
    public object?[] Arguments { get; } = arguments;
    public object? State { get; set; }

    public override string ToString() => $"<{Type} object>";
}
