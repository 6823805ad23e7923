using System;

namespace GradCheck
{
    /// <summary>
    /// A random ±1 direction kept as the bits it was drawn as: entry i is +1 for a 0 and −1 for a 1 in bit i mod 32
    /// of draw ⌊i/32⌋, the lowest bit first. A thirty-second of the memory of P doubles, so that a directional check
    /// of a network allocates no direction of P numbers at all. It may be restricted to one block of entries: 0
    /// outside [Offset, Offset + Count).
    /// </summary>
    internal sealed class SignDirection : LineDirection
    {
        /// <summary>The bits of +1.0.</summary>
        private const long PlusOne = 0x3FF0000000000000;

        private readonly uint[] _draws;
        private readonly int _length, _first, _end;

        private SignDirection(uint[] draws, int length, int first, int end)
        {
            _draws = draws;
            _length = length;
            _first = first;
            _end = end;
        }

        /// <summary>P signs from ⌈P/32⌉ draws of <paramref name="random"/>.</summary>
        public static SignDirection Draw(MersenneTwister random, int length)
        {
            var draws = new uint[(length + 31) / 32];
            for (int d = 0; d < draws.Length; d++) draws[d] = random.NextUInt32();
            return new SignDirection(draws, length, 0, length);
        }

        /// <summary>
        /// The same signs on [offset, offset + count) and within this direction's own range, 0 elsewhere; the draws
        /// are shared.
        /// </summary>
        public SignDirection Restrict(int offset, int count)
        {
            if (offset < 0 || offset > _length)
                throw new ArgumentOutOfRangeException(nameof(offset), offset, "The range does not fit the direction.");
            if (count < 0 || count > _length - offset)
                throw new ArgumentOutOfRangeException(nameof(count), count, "The range does not fit the direction.");
            int first = Math.Max(_first, offset), end = Math.Min(_end, offset + count);
            return new SignDirection(_draws, _length, first, Math.Max(first, end));
        }

        public override int Length => _length;

        /// <summary>The first entry that may be nonzero.</summary>
        public int Offset => _first;

        /// <summary>How many entries from <see cref="Offset"/> on are ±1.</summary>
        public int Count => _end - _first;

        /// <summary>
        /// ±1 inside the range, set from the bit into the sign of 1.0: a branch on random bits would be mispredicted
        /// half the time.
        /// </summary>
        public override double this[int i]
        {
            get
            {
                // An entry past P reads as an error, as it would in P numbers, not as a 0 of the restriction.
                if ((uint)i >= (uint)_length)
                    throw new ArgumentOutOfRangeException(nameof(i), i, "No such entry of the direction.");
                return i < _first || i >= _end ? 0.0
                    : BitConverter.Int64BitsToDouble(PlusOne | (long)(_draws[i >> 5] >> (i & 31) & 1) << 63);
            }
        }

        /// <summary>Whole draws inside the range go through the signs table, four entries at a time.</summary>
        public override void CopyTo(int from, int count, double[] target, int targetStart)
        {
            int end = from + count;
            for (int i = from; i < end;)
            {
                if ((i & 31) == 0 && i + 32 <= end && i >= _first && i + 32 <= _end)
                {
                    Kernels.SignsOfBits(_draws[i >> 5], target, targetStart + i - from);
                    i += 32;
                }
                else
                {
                    target[targetStart + i - from] = this[i];
                    i++;
                }
            }
        }

        /// <summary>g·v over the range, summed in entry order (each product ±gᵢ, exact).</summary>
        public double Dot(double[] g)
        {
            double sum = 0;
            for (int i = _first; i < _end; i++) sum += g[i] * this[i];
            return sum;
        }

        /// <summary>v written out: P numbers.</summary>
        public double[] ToArray()
        {
            var v = new double[_length];
            CopyTo(0, _length, v, 0);
            return v;
        }
    }
}
