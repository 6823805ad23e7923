namespace GradCheck.Commands
{
    /// <summary>One block read from a PowerShell value: its numpy shape, its entries row-major, and its form.</summary>
    internal readonly struct Block
    {
        public Block(int[] shape, double[] data, BlockForm form)
        {
            Shape = shape;
            Data = data;
            Form = form;
        }

        public int[] Shape { get; }

        public double[] Data { get; }

        public BlockForm Form { get; }

        /// <summary>Lets `var (shape, data) = …` read a block.</summary>
        public void Deconstruct(out int[] shape, out double[] data)
        {
            shape = Shape;
            data = Data;
        }
    }
}
