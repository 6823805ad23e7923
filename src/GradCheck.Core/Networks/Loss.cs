namespace GradCheck
{
    /// <summary>
    /// What a network's output is scored with, by name; the cost averages it over the m examples. What each
    /// one computes lives in its own type under Networks/Losses (<see cref="LossFunction.Of"/> finds it).
    /// </summary>
    public enum Loss
    {
        /// <summary>The course's logistic cost: −(1/m)·Σ [y·log a + (1 − y)·log(1 − a)].</summary>
        CrossEntropy,

        /// <summary>(1/2m)·Σ (a − y)².</summary>
        MeanSquaredError,

        /// <summary>−(1/m)·Σ y·log a over a softmax output with one-hot labels, by log-sum-exp.</summary>
        CategoricalCrossEntropy,
    }
}
