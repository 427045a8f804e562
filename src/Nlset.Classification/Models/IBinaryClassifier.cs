using TorchSharp.Modules;

namespace Nlset.Classification.Models;

/// <summary>A binary classifier network whose last layer is a linear map to the one score (both of this project's models).</summary>
public interface IBinaryClassifier
{
    ClassifierSpec Spec { get; }
    /// <summary>The layer that produces the score; its bias shifts the decision boundary through the level sets of the features.</summary>
    Linear OutputLayer { get; }
}
