namespace GradCheck
{
    /// <summary>
    /// Where flat entry i of θ sits: its layer, whether it is a bias, and its row and column there. Our own struct
    /// rather than a ValueTuple, whose constructor over int and bool is generic code that no precompiled image
    /// holds, called for every cost of a full check.
    /// </summary>
    internal readonly struct EntryPlace
    {
        public EntryPlace(int layer, bool isBias, int row, int column)
        {
            Layer = layer;
            IsBias = isBias;
            Row = row;
            Column = column;
        }

        public int Layer { get; }
        public bool IsBias { get; }
        public int Row { get; }
        public int Column { get; }

        public void Deconstruct(out int layer, out bool isBias, out int row, out int column)
        {
            layer = Layer;
            isBias = IsBias;
            row = Row;
            column = Column;
        }
    }
}
