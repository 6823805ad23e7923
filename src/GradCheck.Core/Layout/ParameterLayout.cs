using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace GradCheck
{
    /// <summary>
    /// An ordered list of blocks that maps named parameters onto one flat vector, row-major within a
    /// block (numpy's <c>reshape(-1, 1)</c>), as the course's <c>dictionary_to_vector</c> does.
    /// </summary>
    public sealed class ParameterLayout : IReadOnlyList<ParameterBlock>
    {
        private readonly ParameterBlock[] _blocks;
        private readonly Dictionary<string, ParameterBlock> _byName;

        private ParameterLayout(ParameterBlock[] blocks)
        {
            _blocks = blocks;
            _byName = new Dictionary<string, ParameterBlock>(StringComparer.OrdinalIgnoreCase);
            foreach (var block in blocks)
            {
                if (_byName.ContainsKey(block.Name))
                    throw new ArgumentException(Text.Format("BlockNameTwice", block.Name), nameof(blocks));
                _byName.Add(block.Name, block);
            }
            Count = blocks.Length == 0 ? 0 : blocks[blocks.Length - 1].Offset + blocks[blocks.Length - 1].Count;
        }

        /// <summary>Lays out blocks in the order given.</summary>
        public static ParameterLayout Create(IEnumerable<KeyValuePair<string, int[]>> shapes)
        {
            var blocks = new List<ParameterBlock>();
            long offset = 0;
            foreach (var pair in shapes)
            {
                var block = new ParameterBlock(pair.Key, pair.Value, (int)offset);
                blocks.Add(block);
                offset += block.Count;
                if (offset > int.MaxValue)
                    throw new ArgumentOutOfRangeException(nameof(shapes), Text.Format("LayoutTooLarge"));
            }
            return new ParameterLayout(blocks.ToArray());
        }

        /// <summary>A layout of one block.</summary>
        public static ParameterLayout Single(string name, params int[] shape) =>
            Create(new[] { new KeyValuePair<string, int[]>(name, shape) });

        public IReadOnlyList<ParameterBlock> Blocks => _blocks;

        int IReadOnlyCollection<ParameterBlock>.Count => _blocks.Length;

        public ParameterBlock this[int index] => _blocks[index];

        public IEnumerator<ParameterBlock> GetEnumerator() => ((IEnumerable<ParameterBlock>)_blocks).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _blocks.GetEnumerator();

        /// <summary>Total number of entries (not blocks: see <see cref="Blocks"/>).</summary>
        public int Count { get; }

        public bool TryGetBlock(string name, out ParameterBlock block) => _byName.TryGetValue(name, out block);

        public ParameterBlock this[string name] =>
            _byName.TryGetValue(name, out var block) ? block
                : throw new KeyNotFoundException(Text.Format("BlockNotFound", name));

        /// <summary>
        /// Index into <see cref="Blocks"/> of the block that holds flat entry <paramref name="entry"/>.
        /// </summary>
        public int BlockIndexOf(int entry)
        {
            if (entry < 0 || entry >= Count) throw new ArgumentOutOfRangeException(nameof(entry));
            int lo = 0, hi = _blocks.Length - 1;
            while (lo < hi)
            {
                int mid = (lo + hi + 1) >> 1;
                if (_blocks[mid].Offset <= entry) lo = mid; else hi = mid - 1;
            }
            // Skip empty blocks that share the offset.
            while (_blocks[lo].Count == 0) lo++;
            return lo;
        }

        public ParameterBlock BlockOf(int entry) => _blocks[BlockIndexOf(entry)];

        /// <summary>"W2[1,3]": the block name and the entry's numpy index.</summary>
        public string EntryName(int entry)
        {
            var block = BlockOf(entry);
            return block.Name + block.IndexText(entry - block.Offset);
        }

        /// <summary>The block name of every entry, like the second result of <c>dictionary_to_vector</c>.</summary>
        public string[] Keys()
        {
            var keys = new string[Count];
            foreach (var block in _blocks)
                for (int i = 0; i < block.Count; i++) keys[block.Offset + i] = block.Name;
            return keys;
        }

        /// <summary>Same names, shapes and order.</summary>
        public bool SameAs(ParameterLayout other)
        {
            if (other == null || other._blocks.Length != _blocks.Length) return false;
            for (int i = 0; i < _blocks.Length; i++)
                if (!string.Equals(_blocks[i].Name, other._blocks[i].Name, StringComparison.OrdinalIgnoreCase)
                    || !ShapeText.Same(_blocks[i].Shape, other._blocks[i].Shape))
                    return false;
            return true;
        }

        public override string ToString() => string.Join(" ", _blocks.Select(b => b.ToString()));
    }
}
