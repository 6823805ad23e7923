using System;

namespace GradCheck
{
    /// <summary>
    /// MT19937 (Matsumoto &amp; Nishimura, 1998), seeded by <c>init_genrand</c> exactly as numpy's legacy
    /// <c>RandomState.seed(int)</c> does (<c>mt19937_seed</c>), so that the streams agree bit for bit.
    /// </summary>
    public sealed class MersenneTwister
    {
        /// <summary>Degree of recurrence n: the state holds 624 32-bit words.</summary>
        private const int StateLength = 624;

        /// <summary>Middle offset m of the recurrence.</summary>
        private const int Shift = 397;

        /// <summary>Coefficients a of the rational normal form twist matrix.</summary>
        private const uint MatrixA = 0x9908b0dfU;

        /// <summary>Most significant w − r = 1 bit.</summary>
        private const uint UpperMask = 0x80000000U;

        /// <summary>Least significant r = 31 bits.</summary>
        private const uint LowerMask = 0x7fffffffU;

        /// <summary>Multiplier f of <c>init_genrand</c>: key[i] = f·(key[i−1] ⊕ (key[i−1] ≫ 30)) + i.</summary>
        private const uint InitMultiplier = 1812433253U;

        /// <summary>Tempering mask b (applied after the left shift by 7).</summary>
        private const uint TemperingMaskB = 0x9d2c5680U;

        /// <summary>Tempering mask c (applied after the left shift by 15).</summary>
        private const uint TemperingMaskC = 0xefc60000U;

        /// <summary>2²⁶, the weight of the high 27 bits in a 53-bit double.</summary>
        private const double TwoPow26 = 67108864.0;

        /// <summary>2⁵³, the denominator that maps a 53-bit integer into [0, 1).</summary>
        private const double TwoPow53 = 9007199254740992.0;

        private readonly uint[] key = new uint[StateLength];
        private int position;

        /// <summary>Creates a generator seeded with <paramref name="seed"/> (see <see cref="Seed"/>).</summary>
        public MersenneTwister(uint seed) => Seed(seed);

        /// <summary>
        /// <c>init_genrand</c>: key[0] = seed, key[i] = 1812433253·(key[i−1] ⊕ (key[i−1] ≫ 30)) + i (mod 2³²),
        /// and the position is set to 624 so that the first draw regenerates the whole state.
        /// </summary>
        public void Seed(uint seed)
        {
            key[0] = seed;
            for (int i = 1; i < StateLength; i++)
                key[i] = unchecked(InitMultiplier * (key[i - 1] ^ (key[i - 1] >> 30)) + (uint)i);
            position = StateLength;
        }

        /// <summary>
        /// <c>genrand_int32</c>: the next tempered 32-bit word, regenerating the state every 624 draws.
        /// </summary>
        public uint NextUInt32()
        {
            if (position == StateLength)
            {
                Generate(key);
                position = 0;
            }
            return Temper(key[position++]);
        }

        /// <summary>
        /// numpy's <c>random_sample</c> (<c>mt19937_next_double</c>): a 53-bit double in [0, 1) from two words,
        /// a = w₁ ≫ 5 and b = w₂ ≫ 6, as (a·2²⁶ + b) / 2⁵³.
        /// </summary>
        public double NextDouble()
        {
            uint a = NextUInt32() >> 5;
            uint b = NextUInt32() >> 6;
            return (a * TwoPow26 + b) / TwoPow53;
        }

        /// <summary>A copy of the 624 state words, for tests.</summary>
        internal uint[] StateKey => (uint[])key.Clone();

        /// <summary>
        /// The twist (<c>mt19937_gen</c>): key[i] = key[i+m] ⊕ (y ≫ 1) ⊕ (a if y is odd), where y joins the
        /// upper bit of key[i] with the lower 31 bits of key[i+1] (indices mod n).
        /// </summary>
        private static void Generate(uint[] state)
        {
            for (int i = 0; i < StateLength; i++)
            {
                uint y = (state[i] & UpperMask) | (state[(i + 1) % StateLength] & LowerMask);
                state[i] = state[(i + Shift) % StateLength] ^ Twist(y);
            }
        }

        /// <summary>y ≫ 1, xored with the matrix coefficients a when the low bit of y is set.</summary>
        private static uint Twist(uint y) => (y >> 1) ^ ((y & 1U) == 0 ? 0U : MatrixA);

        /// <summary>
        /// The tempering transform: y ⊕= y ≫ 11; y ⊕= (y ≪ 7) ∧ b; y ⊕= (y ≪ 15) ∧ c; y ⊕= y ≫ 18.
        /// </summary>
        private static uint Temper(uint y)
        {
            y ^= y >> 11;
            y ^= (y << 7) & TemperingMaskB;
            y ^= (y << 15) & TemperingMaskC;
            y ^= y >> 18;
            return y;
        }
    }
}
