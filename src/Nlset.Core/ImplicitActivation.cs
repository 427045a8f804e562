namespace Nlset.Core;

/// <summary>The hidden-layer non-linearity of an <see cref="ImplicitNetwork"/>.</summary>
public enum ImplicitActivation
{
    /// <summary>The paper's choice: piecewise linear, so its level sets are piecewise linear (paper §4).</summary>
    ReLU,
    /// <summary>Softplus with β = <see cref="ImplicitNetwork.SoftplusBeta"/>: a smooth ReLU (IGR's choice), giving continuous normals.</summary>
    Softplus,
}
