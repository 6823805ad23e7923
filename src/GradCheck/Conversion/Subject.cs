using System.Globalization;

namespace GradCheck.Commands
{
    /// <summary>
    /// Names, in messages, what the user gave: "the -Parameter value", "the pipeline input" or "the gradient", a block
    /// of it ("block 'W1' of the -Parameter value") and an entry ("entry 3 of the pipeline input"), never a name of
    /// ours.
    /// </summary>
    internal sealed class Subject
    {
        private readonly string _text;

        private Subject(string text) => _text = text;

        public static Subject Parameter(bool fromPipeline) =>
            new Subject(CommandText.Format(fromPipeline ? "SubjectPipeline" : "SubjectParameter"));

        public static Subject Gradient() => new Subject(CommandText.Format("SubjectGradient"));

        /// <summary>The value of a parameter such as -Input: "the -Input value".</summary>
        public static Subject Named(string parameter) => new Subject(CommandText.Format("SubjectNamed", parameter));

        /// <summary>A block of a dictionary.</summary>
        public Subject Block(string name) => new Subject(CommandText.Format("SubjectBlock", name, _text));

        /// <summary>An entry, by its index in the block: "3" in a vector, "[1,2]" in a matrix.</summary>
        public Subject Entry(string index) => new Subject(CommandText.Format("SubjectEntry", index, _text));

        /// <summary>
        /// The entry of a block at a flat position within it, or the block itself when it is a number.
        /// </summary>
        public Subject Entry(ParameterBlock block, int local)
        {
            if (block.Rank == 0) return this;
            return Entry(block.Rank == 1 ? local.ToString(CultureInfo.InvariantCulture) : block.IndexText(local));
        }

        /// <summary>The subject at the start of a sentence.</summary>
        public string Sentence => _text.Length == 0 ? _text : char.ToUpperInvariant(_text[0]) + _text.Substring(1);

        public override string ToString() => _text;
    }
}
