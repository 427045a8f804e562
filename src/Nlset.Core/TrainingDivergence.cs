using Nlset.Geometry;

namespace Nlset.Core;

/// <summary>A training whose loss stopped being finite: the one message every trainer gives, naming the setting to change.</summary>
public static class TrainingDivergence
{
    /// <param name="where">Where it happened, e.g. "at step 120 (loss NaN)".</param>
    public static InvalidOperationException At(string where)
    {
        SettingWording wording = nameOf => $"training diverged {where}; try a lower {nameOf("LearningRate")}";
        return new InvalidOperationException(wording(SettingNames.Library)).WordedWith(wording);
    }
}
