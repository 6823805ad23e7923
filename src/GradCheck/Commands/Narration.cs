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
            string extras = (network.L2 == 0 ? string.Empty : CommandText.Format("NarrationL2", Number(network.L2)))
                + (network.KeepProbability == 1 ? string.Empty
                    : CommandText.Format("NarrationKeepProbability", Number(network.KeepProbability)));
            return CommandText.Format("NarrationNetwork", string.Join("-", network.LayerSize),
                string.Join(", ", network.Activation), network.Loss, network.ExampleCount, extras);
        }

        public static string Evaluation(NetworkEvaluation evaluation)
        {
            switch (evaluation)
            {
                case NetworkEvaluation.Full: return CommandText.Format("NarrationEvaluationFull");
                case NetworkEvaluation.Incremental: return CommandText.Format("NarrationEvaluationIncremental");
                case NetworkEvaluation.Auto: return CommandText.Format("NarrationEvaluationAuto");
                default: throw new ArgumentOutOfRangeException(nameof(evaluation), evaluation, null);
            }
        }

        public static string Form(ParameterForm form)
        {
            switch (form)
            {
                case ParameterForm.Number: return CommandText.Format("NarrationFormNumber");
                case ParameterForm.Vector: return CommandText.Format("NarrationFormVector");
                case ParameterForm.Dictionary: return CommandText.Format("NarrationFormDictionary");
                default: throw new ArgumentOutOfRangeException(nameof(form), form, null);
            }
        }

        private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
    }
}
