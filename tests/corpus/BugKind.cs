// Part of the corpus in Corpus.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GradCheck.Corpus
{
    /// <summary>The bugs planted in <see cref="BuggyBackprop"/>; None is the correct backprop.</summary>
    public enum BugKind
    {
        None,

        /// <summary>One block of the gradient scaled by (1 ± δ), δ log-uniform in [1e-3, 3].</summary>
        BlockScale,

        /// <summary>One block of the gradient negated.</summary>
        SignFlip,

        /// <summary>One entry scaled by (1 ± δ) or replaced by a random value.</summary>
        SingleEntry,

        /// <summary>f′ taken as 1 in one layer.</summary>
        MissingDerivative,

        /// <summary>
        /// dA_{l−1} from W_l reshaped to (n_{l−1}, n_l), numpy's W.reshape(W.shape[::-1]), instead of W_lᵀ.
        /// </summary>
        TransposedWeight,

        /// <summary>The 1/m factor left out of one layer's dW or db.</summary>
        MissingOneOverM,

        /// <summary>
        /// Our own: a sigmoid or tanh derivative evaluated at A instead of Z (sigmoid_backward(dA, A)).
        /// </summary>
        DerivativeAtA,

        /// <summary>Our own: dW_l = (1/m)·dZ_l·Z_{l−1}ᵀ, the cached pre-activation instead of A_{l−1}.</summary>
        PreActivationInDW,
    }
}
