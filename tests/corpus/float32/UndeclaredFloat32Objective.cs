// Part of the corpus in Float32Layers.cs; see there for what it is and how it runs.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace GradCheck.Float32Corpus
{
    /// <summary>
    /// A float32 layer behind a double interface that does not say it is float32: what a user gets who computes in
    /// float inside an IGradientObjective. θ is rounded to float on the way in, J and the gradient widened on the
    /// way out, as SinglePrecisionObjective does, but without IDeclaresPrecision, so the checker must find out.
    /// </summary>
    public sealed class UndeclaredFloat32Objective : IGradientObjective, IThreadSafeObjective
    {
        private readonly ISingleGradientObjective _inner;

        public UndeclaredFloat32Objective(ISingleGradientObjective inner) { _inner = inner; }

        public ParameterLayout Layout => _inner.Layout;

        public double Cost(double[] theta) => _inner.Cost(Narrow(theta));

        public double[] Gradient(double[] theta) => _inner.Gradient(Narrow(theta)).Select(v => (double)v).ToArray();

        private static float[] Narrow(double[] theta) => theta.Select(v => (float)v).ToArray();
    }
}
