using TorchSharp;
using static TorchSharp.torch;

namespace Nlset.Core;

/// <summary>
/// An exponential moving average of a module's parameters (Polyak averaging), kept beside the training weights and
/// copied into the module at the end. Small-batch Adam leaves the last weights jittering around the optimum; their
/// average lies closer to it (measured on surface reconstruction: docs/reconstruction.md).
/// </summary>
public sealed class ExponentialWeightAverage : IDisposable
{
    readonly torch.nn.Module _module;
    readonly double _decay;
    List<Tensor>? _average;

    /// <param name="decay">Weight of the old average per update; 0.995 averages over roughly the last 200 steps.</param>
    public ExponentialWeightAverage(torch.nn.Module module, double decay)
    {
        if (!(decay >= 0 && decay < 1)) throw new ArgumentOutOfRangeException(nameof(decay), decay, "the decay must lie in [0, 1)");
        _module = module;
        _decay = decay;
    }

    /// <summary>True once <see cref="Update"/> has been called.</summary>
    public bool HasAverage => _average != null;

    /// <summary>The averaged tensors (null before the first update), for a checkpoint.</summary>
    public IReadOnlyList<Tensor>? Tensors => _average;

    /// <summary>Starts from a saved average (copies of <paramref name="saved"/>, one per parameter), to continue a training.</summary>
    public void Start(IReadOnlyList<Tensor> saved)
    {
        var parameters = _module.parameters().ToList();
        if (saved.Count != parameters.Count) throw new ArgumentException($"{saved.Count} averaged tensors for {parameters.Count} parameters");
        for (int i = 0; i < saved.Count; i++)
            if (!saved[i].shape.SequenceEqual(parameters[i].shape))
                throw new ArgumentException($"averaged tensor {i} has shape [{string.Join(", ", saved[i].shape)}], the parameter [{string.Join(", ", parameters[i].shape)}]");
        Dispose();
        using var noGrad = torch.no_grad();
        _average = [.. saved.Select((t, i) => t.to(parameters[i].device).clone().DetachFromDisposeScope())];
    }

    /// <summary>Folds the current parameters into the average (the first call starts it at them).</summary>
    public void Update()
    {
        using var noGrad = torch.no_grad();
        if (_average == null)
        {
            // Created outside any caller's dispose scope's reach: the average lives across steps.
            _average = [];
            foreach (var p in _module.parameters())
            {
                using var current = p.detach();
                _average.Add(current.clone().DetachFromDisposeScope());
            }
            return;
        }
        // Inside a dispose scope, so that the detached views are held until the update is done (issue 13).
        using var scope = torch.NewDisposeScope();
        using var decay = _decay.ToScalar();
        using var weight = (1 - _decay).ToScalar();
        int k = 0;
        foreach (var p in _module.parameters()) _average[k++].mul_(decay).add_(p.detach(), weight);
    }

    /// <summary>Overwrites the module's parameters with the average (nothing happens before the first update).</summary>
    public void CopyToModule()
    {
        if (_average == null) return;
        using var noGrad = torch.no_grad();
        int k = 0;
        foreach (var p in _module.parameters()) p.copy_(_average[k++]);
    }

    public void Dispose()
    {
        if (_average == null) return;
        foreach (var a in _average) a.Dispose();
        _average = null;
    }
}
