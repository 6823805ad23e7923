using System;
using System.Globalization;

namespace GradCheck.Commands
{
    /// <summary>
    /// The words -Verbose narration puts into its sentences, in the UI culture's language: the network, how it is
    /// evaluated and the form θ came in. Activation and loss names stay as the parameters spell them.
    /// </summary>
    internal static class Narration
    {
        public static string Network(Network network)
        {
            string extras = (network.L2 == 0 ? string.Empty : Text.Format("NarrationL2", Number(network.L2)))
                + (network.KeepProbability == 1 ? string.Empty
                    : Text.Format("NarrationKeepProbability", Number(network.KeepProbability)));
            return Text.Format("NarrationNetwork", string.Join("-", network.LayerSize),
                string.Join(", ", network.Activation), network.Loss, network.ExampleCount, extras);
        }

        public static string Evaluation(NetworkEvaluation evaluation)
        {
            switch (evaluation)
            {
                case NetworkEvaluation.Full: return Text.Format("NarrationEvaluationFull");
                case NetworkEvaluation.Incremental: return Text.Format("NarrationEvaluationIncremental");
                case NetworkEvaluation.Auto: return Text.Format("NarrationEvaluationAuto");
                default: throw new ArgumentOutOfRangeException(nameof(evaluation), evaluation, null);
            }
        }

        public static string Form(ParameterForm form)
        {
            switch (form)
            {
                case ParameterForm.Number: return Text.Format("NarrationFormNumber");
                case ParameterForm.Vector: return Text.Format("NarrationFormVector");
                case ParameterForm.Dictionary: return Text.Format("NarrationFormDictionary");
                default: throw new ArgumentOutOfRangeException(nameof(form), form, null);
            }
        }

        private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
    }
}
