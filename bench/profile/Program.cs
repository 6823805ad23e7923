using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace GradCheck.Profile
{
    /// <summary>
    /// Every perturbed cost of a full check, θ ± h·eᵢ for each entry, from one incremental worker on one thread:
    /// the work a check spreads over the cores, without the checker, the threads or PowerShell around it, so that a
    /// sampling profiler sees only the worker. Prints the median pass and the time per cost.
    /// Usage: GradCheck.Profile [layer sizes, default 784,128,64,1] [examples, default 32] [passes, default 20]
    /// </summary>
    internal static class Program
    {
        private const double Step = 1e-7;

        private static void Main(string[] args)
        {
            int[] sizes = (args.Length > 0 ? args[0] : "784,128,64,1").Split(',').Select(int.Parse).ToArray();
            int examples = args.Length > 1 ? int.Parse(args[1]) : 32;
            int passes = args.Length > 2 ? int.Parse(args[2]) : 20;
            var network = NetworkFactory.Create(new NetworkDefinition
            {
                LayerSize = sizes, ExampleCount = examples, Seed = 1,
            });
            var objective = (DoubleNetworkObjective)network.CreateObjective();
            objective.Evaluation = NetworkEvaluation.Incremental;
            double[] theta = network.ToParameterVector().Values;
            var worker = objective.CreateWorker(theta);
            var times = new List<double>();
            double sum = 0;
            // Two passes more than timed: the first ones run while the JIT is still at work.
            for (int pass = 0; pass < passes + 2; pass++)
            {
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < theta.Length; i++) sum += worker.Cost(i, Step) + worker.Cost(i, -Step);
                if (pass >= 2) times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            double median = times[times.Count / 2];
            Console.WriteLine($"{theta.Length} parameters, {2 * theta.Length} costs a pass, {passes} passes");
            Console.WriteLine($"median {median:F1} ms, fastest {times[0]:F1} ms a pass on one thread; " +
                $"{median * 1e6 / (2 * theta.Length):F0} ns a cost (checksum {sum:R})");
            Console.WriteLine($"a weight of layer 1 reaches {ReachedExamples(network):F1} of {examples} examples " +
                "on average (those where its unit is active)");
        }

        /// <summary>The mean, over layer 1's units, of the examples where A1 is not 0: the packed width.</summary>
        private static double ReachedExamples(Network network)
        {
            var a = (double[,])network.Forward().Cache["A1"];
            int active = 0;
            foreach (double value in a) active += value != 0 ? 1 : 0;
            return (double)active / a.GetLength(0);
        }
    }
}
