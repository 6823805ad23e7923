using System.Numerics;
using System.Runtime.CompilerServices;
#if NET
using System.Runtime.InteropServices;
#endif

namespace GradCheck
{
    /// <summary>
    /// The element-wise loops the forward pass spends its time in, in SIMD. Each output element is still
    /// formed by the same multiply and add, in the same order, as the scalar loop (no reassociation and no
    /// fused multiply-add), so the results are bit-identical to it.
    /// </summary>
    internal static class Kernels
    {
        // A property, not a static readonly field: the JIT folds Vector<double>.Count to a constant even in a
        // method compiled before this class is initialised, as the eagerly optimised kernels are.
        private static int Width => Vector<double>.Count;

        /// <summary>
        /// The vector at a[i], bounds checked as Vector&lt;T&gt;'s array constructor checks it. On .NET through an
        /// intrinsic load: the precompiled kernels (ReadyToRun) may not inline the constructor, which lies outside
        /// our assembly, and each load was a call into tier-0 code until the kernel was compiled again.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<double> Load(double[] a, int i)
        {
#if NET
            if (i < 0 || i > a.Length - Width) throw OutOfRange(i, a.Length);
            return Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)i);
#else
            return new Vector<double>(a, i);
#endif
        }

        /// <summary>v into a from i, bounds checked as CopyTo checks it; see <see cref="Load"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Store(Vector<double> v, double[] a, int i)
        {
#if NET
            if (i < 0 || i > a.Length - Width) throw OutOfRange(i, a.Length);
            v.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)i);
#else
            v.CopyTo(a, i);
#endif
        }

        /// <summary>
        /// x in every lane. On .NET through Vector.Create, which the precompiler expands; the constructor it may not
        /// inline ran as a tier-0 call, once for every weight of a dense row.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<double> Broadcast(double x) =>
#if NET
            Vector.Create(x);
#else
            new Vector<double>(x);
#endif

        /// <summary>Every bit set in every lane.</summary>
        private static Vector<long> AllLanes => ~Vector<long>.Zero;

        /// <summary>Whether any lane of a comparison's mask (each lane all ones or zero) is set.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool AnyLane(Vector<long> mask) => mask != Vector<long>.Zero;

        private static System.ArgumentOutOfRangeException OutOfRange(int i, int length) =>
            new System.ArgumentOutOfRangeException(nameof(i), i, "A vector at this index does not fit an array of "
                + length + ".");

        /// <summary>y[yStart + j] += w · x[xStart + j] for j in [0, n).</summary>
        [MethodImpl(HotPath.Vectorised)]
        public static void AddScaled(double[] y, int yStart, double w, double[] x, int xStart, int n)
        {
            int j = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var scale = Broadcast(w);
                for (; j <= n - Width; j += Width)
                    Store(Load(y, yStart + j) + scale * Load(x, xStart + j), y, yStart + j);
            }
            for (; j < n; j++) y[yStart + j] += w * x[xStart + j];
        }

        /// <summary>
        /// z[zStart + j] = Σ_k theta[weightRow + k]·x[k·m + j] for j in [0, m), summed from +0 in k order, one
        /// rounding per multiply and per add (the order, and so the bits, of <see cref="AddScaled"/> over k into a
        /// cleared row). Four vectors of the row are held in registers across all k, instead of the row going to
        /// memory and back for every few k (most of a forward pass's time when m, the examples, is small).
        /// </summary>
        [MethodImpl(HotPath.Vectorised)]
        public static unsafe void DenseRow(double[] z, int zStart, double[] theta, int weightRow, double[] x,
            int inner, int m)
        {
            if (zStart < 0 || zStart + m > z.Length || weightRow < 0 || weightRow + inner > theta.Length
                || inner * m > x.Length)
                throw new System.ArgumentOutOfRangeException(nameof(m), m, "The row does not fit the arrays.");
            int width = Width, j = 0;
            fixed (double* pz = z, pw = theta, px = x)
            {
                double* w = pw + weightRow, y = pz + zStart;
                for (; j + 4 * width <= m; j += 4 * width)
                {
                    Vector<double> a0 = Vector<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
                    double* row = px + j;
                    for (int k = 0; k < inner; k++, row += m)
                    {
                        var wk = Broadcast(w[k]);
                        a0 += wk * *(Vector<double>*)row;
                        a1 += wk * *(Vector<double>*)(row + width);
                        a2 += wk * *(Vector<double>*)(row + 2 * width);
                        a3 += wk * *(Vector<double>*)(row + 3 * width);
                    }
                    *(Vector<double>*)(y + j) = a0;
                    *(Vector<double>*)(y + j + width) = a1;
                    *(Vector<double>*)(y + j + 2 * width) = a2;
                    *(Vector<double>*)(y + j + 3 * width) = a3;
                }
                for (; j + width <= m; j += width)
                {
                    var a = Vector<double>.Zero;
                    double* row = px + j;
                    for (int k = 0; k < inner; k++, row += m) a += Broadcast(w[k]) * *(Vector<double>*)row;
                    *(Vector<double>*)(y + j) = a;
                }
                for (; j < m; j++)
                {
                    double a = 0;
                    double* row = px + j;
                    for (int k = 0; k < inner; k++, row += m) a += w[k] * *row;
                    y[j] = a;
                }
            }
        }

        /// <summary>
        /// The rank-1 update of one row through a rectifier: z′ = z + w·d, a′ = z′ &gt; 0 ? z′ : slope·z′, in one pass;
        /// returns whether any z′ has another sign than z. z′ itself is not stored: no one reads a hidden layer's z′
        /// after the step, and the store was a third of the loop's memory traffic.
        /// </summary>
        [MethodImpl(HotPath.Vectorised)]
        public static bool RankOneRectify(double[] aOut, double[] z, int start, double w, double[] d, int n,
            double slope)
        {
            int j = 0;
            bool flipped = false;
            if (Vector.IsHardwareAccelerated)
            {
                var scale = Broadcast(w);
                var leak = Broadcast(slope);
                var zero = Vector<double>.Zero;
                var changed = Vector<long>.Zero;
                for (; j <= n - Width; j += Width)
                {
                    var before = Load(z, start + j);
                    var after = before + scale * Load(d, j);
                    Store(Vector.ConditionalSelect(Vector.LessThanOrEqual(after, zero),
                        slope == 0 ? zero : leak * after, after), aOut, start + j);
                    changed |= Vector.GreaterThan(after, zero) ^ Vector.GreaterThan(before, zero);
                }
                flipped = AnyLane(changed);
            }
            for (; j < n; j++)
            {
                double before = z[start + j], after = before + w * d[j];
                aOut[start + j] = after <= 0 ? (slope == 0 ? 0 : slope * after) : after;
                flipped |= after > 0 != before > 0;
            }
            return flipped;
        }

        /// <summary>
        /// <see cref="RankOneRectify"/> through a dropout mask: a′ = rect(z′)·s[start + j] with s = D/p, in one pass;
        /// returns whether any kept unit (s &gt; 0) has another sign than before. Crossings are rare, so the loop
        /// notes any crossing and only a row that has one is looked at again for whether the unit was kept. z′ itself
        /// is not stored: no one reads a hidden layer's z′ after the step, and the mask needs the cache room it took.
        /// </summary>
        [MethodImpl(HotPath.Vectorised)]
        public static bool RankOneRectifyMasked(double[] aOut, double[] z, int start, double w, double[] d, int n,
            double slope, double[] s)
        {
            int j = 0;
            bool flipped = false;
            if (Vector.IsHardwareAccelerated)
            {
                var scale = Broadcast(w);
                var leak = Broadcast(slope);
                var zero = Vector<double>.Zero;
                var changed = Vector<long>.Zero;
                for (; j <= n - Width; j += Width)
                {
                    var before = Load(z, start + j);
                    var after = before + scale * Load(d, j);
                    var rectified = Vector.ConditionalSelect(Vector.LessThanOrEqual(after, zero),
                        slope == 0 ? zero : leak * after, after);
                    Store(rectified * Load(s, start + j), aOut, start + j);
                    changed |= Vector.GreaterThan(after, zero) ^ Vector.GreaterThan(before, zero);
                }
                flipped = AnyLane(changed);
            }
            for (; j < n; j++)
            {
                double before = z[start + j], after = before + w * d[j];
                aOut[start + j] = (after <= 0 ? (slope == 0 ? 0 : slope * after) : after) * s[start + j];
                flipped |= after > 0 != before > 0;
            }
            return flipped && KeptCrossing(z, start, w, d, n, s);
        }

        /// <summary>Whether a unit in [start, start + n) with s &gt; 0 has another sign at z + w·d than at z.</summary>
        [MethodImpl(HotPath.Optimize)]
        internal static bool KeptCrossing(double[] z, int start, double w, double[] d, int n, double[] s)
        {
            for (int j = 0; j < n; j++)
                if ((z[start + j] + w * d[j]) > 0 != z[start + j] > 0 && s[start + j] > 0) return true;
            return false;
        }

        /// <summary>
        /// The rank-1 step through a rectifier fused with the dense layer after it, over rows c long (c a whole
        /// number of vectors): for each unit k of the stepped layer in order, a′ = rect(z[k,:] + w_k·d) (·s[k,:] with
        /// s = D/p) as <see cref="RankOneRectify"/> and <see cref="RankOneRectifyMasked"/> form it, then
        /// y[r,:] += v_rk·a′ for every row r of the next layer. Each y element receives the same products in the same
        /// k order as <see cref="DenseRow"/> gives it, so the sums are bit for bit those of
        /// storing A′ first, and a′ never goes to memory. w_k = column[w + k] (a column of a weight matrix, stored
        /// contiguous), v_rk = next[v + r·units + k].
        /// Returns whether any (kept) unit's z′ has another sign than z.
        /// </summary>
        /// <remarks>
        /// This loop is most of a check's time, so it goes by pointer, its bounds checked once at the top; with one
        /// row after it (a single output) the sums stay in a register across the units.
        /// </remarks>
        [MethodImpl(HotPath.Vectorised)]
        public static unsafe bool RankOneRectifyDense(double[] z, int units, int c, double[] column, int w,
            double[] d, double slope, double[] s, double[] next, int v, int rows, double[] y)
        {
            if (c % Width != 0 || units * c > z.Length || c > d.Length || rows * c > y.Length
                || (s != null && units * c > s.Length) || w + units > column.Length || v + rows * units > next.Length)
                throw new System.ArgumentOutOfRangeException(nameof(c), c, "The packed rows do not fit the arrays.");
            var zero = Vector<double>.Zero;
            var leak = Broadcast(slope);
            // ReLU takes +0 where z′ ≤ 0 (0·z′ would be −0), so its leaky product is masked off to +0 whole; for a
            // leaky slope the mask keeps it. The same bits as selecting zero or leak·z′, without a branch in the loop.
            var leaky = slope == 0 ? Vector<long>.Zero : AllLanes;
            var changed = Vector<long>.Zero;
            bool relu = slope == 0;
            fixed (double* pz = z, pd = d, pw = column, pv = next, ps = s, py = y)
            {
                int paired = rows == 1 ? c - c % (2 * Width) : 0;
                for (int q = 0; q < paired; q += 2 * Width)
                {
                    // Two vectors of columns at a time: two independent chains of additions instead of one.
                    var d0 = *(Vector<double>*)(pd + q);
                    var d1 = *(Vector<double>*)(pd + q + Width);
                    Vector<double> acc0 = zero, acc1 = zero;
                    for (int k = 0, at = q; k < units; k++, at += c)
                    {
                        var wk = Broadcast(pw[w + k]);
                        var vk = Broadcast(pv[v + k]);
                        var before0 = *(Vector<double>*)(pz + at);
                        var before1 = *(Vector<double>*)(pz + at + Width);
                        var after0 = before0 + wk * d0;
                        var after1 = before1 + wk * d1;
                        Vector<double> a0, a1;
                        if (relu)
                        {
                            // z′ where z′ > 0, else the bits of +0 (and NaN passes, as z′ ≤ 0 is false for it).
                            a0 = Vector.AsVectorDouble(Vector.AndNot(Vector.AsVectorInt64(after0),
                                Vector.LessThanOrEqual(after0, zero)));
                            a1 = Vector.AsVectorDouble(Vector.AndNot(Vector.AsVectorInt64(after1),
                                Vector.LessThanOrEqual(after1, zero)));
                        }
                        else
                        {
                            a0 = Vector.ConditionalSelect(Vector.LessThanOrEqual(after0, zero), leak * after0, after0);
                            a1 = Vector.ConditionalSelect(Vector.LessThanOrEqual(after1, zero), leak * after1, after1);
                        }
                        if (ps != null)
                        {
                            a0 *= *(Vector<double>*)(ps + at);
                            a1 *= *(Vector<double>*)(ps + at + Width);
                        }
                        changed |= (Vector.GreaterThan(after0, zero) ^ Vector.GreaterThan(before0, zero))
                            | (Vector.GreaterThan(after1, zero) ^ Vector.GreaterThan(before1, zero));
                        acc0 += vk * a0;
                        acc1 += vk * a1;
                    }
                    *(Vector<double>*)(py + q) = acc0;
                    *(Vector<double>*)(py + q + Width) = acc1;
                }
                for (int q = paired; q < c; q += Width)
                {
                    var dq = *(Vector<double>*)(pd + q);
                    if (rows == 1)
                    {
                        var acc = zero;
                        for (int k = 0, at = q; k < units; k++, at += c)
                        {
                            var before = *(Vector<double>*)(pz + at);
                            var after = before + Broadcast(pw[w + k]) * dq;
                            var negative = Vector.AsVectorDouble(Vector.AsVectorInt64(leak * after) & leaky);
                            var a = Vector.ConditionalSelect(Vector.LessThanOrEqual(after, zero), negative, after);
                            if (ps != null) a *= *(Vector<double>*)(ps + at);
                            changed |= Vector.GreaterThan(after, zero) ^ Vector.GreaterThan(before, zero);
                            acc += Broadcast(pv[v + k]) * a;
                        }
                        *(Vector<double>*)(py + q) = acc;
                        continue;
                    }
                    for (int r = 0; r < rows; r++) *(Vector<double>*)(py + r * c + q) = zero;
                    for (int k = 0, at = q; k < units; k++, at += c)
                    {
                        var before = *(Vector<double>*)(pz + at);
                        var after = before + Broadcast(pw[w + k]) * dq;
                        var negative = Vector.AsVectorDouble(Vector.AsVectorInt64(leak * after) & leaky);
                        var a = Vector.ConditionalSelect(Vector.LessThanOrEqual(after, zero), negative, after);
                        if (ps != null) a *= *(Vector<double>*)(ps + at);
                        changed |= Vector.GreaterThan(after, zero) ^ Vector.GreaterThan(before, zero);
                        for (int r = 0; r < rows; r++)
                        {
                            var sum = (Vector<double>*)(py + r * c + q);
                            *sum += Broadcast(pv[v + r * units + k]) * a;
                        }
                    }
                }
            }
            if (!AnyLane(changed)) return false;
            if (s == null) return true;
            // Crossings are rare: only then is it asked whether the unit that crossed was kept.
            for (int k = 0; k < units; k++)
                if (KeptCrossing(z, k * c, column[w + k], d, c, s)) return true;
            return false;
        }

        /// <summary>a[start + j] *= s[start + j] for j in [0, n).</summary>
        [MethodImpl(HotPath.Vectorised)]
        public static void Multiply(double[] a, double[] s, int start, int n)
        {
            int j = 0;
            if (Vector.IsHardwareAccelerated)
                for (; j <= n - Width; j += Width)
                    Store(Load(a, start + j) * Load(s, start + j), a, start + j);
            for (; j < n; j++) a[start + j] *= s[start + j];
        }

        /// <summary>
        /// Σ_j a[aStart + j]·b[bStart + j], in SIMD lanes summed at the end (not numpy's order: used where only
        /// rounding-level agreement is needed).
        /// </summary>
        [MethodImpl(HotPath.Vectorised)]
        public static double Dot(double[] a, int aStart, double[] b, int bStart, int n)
        {
            int j = 0;
            double sum = 0;
            if (Vector.IsHardwareAccelerated && n >= Width)
            {
                var acc = Vector<double>.Zero;
                for (; j <= n - Width; j += Width) acc += Load(a, aStart + j) * Load(b, bStart + j);
                sum = Vector.Dot(acc, Vector<double>.One);
            }
            for (; j < n; j++) sum += a[aStart + j] * b[bStart + j];
            return sum;
        }

        /// <summary>
        /// ±1.0 for each of the 32 bits of <paramref name="bits"/>, the lowest first (0 gives +1, 1 gives −1), into
        /// v[start, start + 32): four at a time from a table of every nibble's four signs, where a bit at a time
        /// made the random directions a tenth of a directional check.
        /// </summary>
        [MethodImpl(HotPath.Vectorised)]
        public static void SignsOfBits(uint bits, double[] v, int start)
        {
            if (Vector.IsHardwareAccelerated && Width == 4)
                for (int b = 0; b < 32; b += 4, bits >>= 4)
                    Store(Load(NibbleSigns, (int)(bits & 15) * 4), v, start + b);
            else
                for (int b = 0; b < 32; b++, bits >>= 1) v[start + b] = (bits & 1) == 0 ? 1.0 : -1.0;
        }

        /// <summary>Entry 4k + j: the sign that bit j of the nibble k stands for.</summary>
        private static readonly double[] NibbleSigns = EveryNibblesSigns();

        private static double[] EveryNibblesSigns()
        {
            var signs = new double[64];
            for (int i = 0; i < signs.Length; i++) signs[i] = ((i / 4) >> (i % 4) & 1) == 0 ? 1.0 : -1.0;
            return signs;
        }

        /// <summary>
        /// Whether no entry of <paramref name="x"/> is NaN or ±∞: x·0 is 0 for every finite x and NaN otherwise, so one
        /// pass of products summed says it, without a branch per entry.
        /// </summary>
        [MethodImpl(HotPath.Vectorised)]
        public static bool AllFinite(double[] x)
        {
            int j = 0;
            double sum = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var acc = Vector<double>.Zero;
                for (; j <= x.Length - Width; j += Width) acc += Load(x, j) * Vector<double>.Zero;
                sum = Vector.Dot(acc, Vector<double>.One);
            }
            for (; j < x.Length; j++) sum += x[j] * 0;
            return sum == 0;
        }

        /// <summary>
        /// y[yStart + q] = scale · <see cref="Dot"/>(a, aStart, b, q·n, n) for every row q of the
        /// <paramref name="count"/> × n matrix b: one row of dW = dZ·Aᵀ. Four rows of b at a time share each load of
        /// a; every sum runs in Dot's order, so each entry has Dot's bits.
        /// </summary>
        [MethodImpl(HotPath.Vectorised)]
        public static void ScaledDots(double[] y, int yStart, double scale, double[] a, int aStart, double[] b,
            int count, int n)
        {
            if (yStart < 0 || yStart + count > y.Length || aStart < 0 || aStart + n > a.Length
                || (long)count * n > b.Length)
                throw new System.ArgumentOutOfRangeException(nameof(count), count, "The rows do not fit the arrays.");
            int q = 0;
            if (Vector.IsHardwareAccelerated && n >= Width)
                for (; q + 4 <= count; q += 4) FourDots(y, yStart + q, scale, a, aStart, b, q * n, n);
            for (; q < count; q++) y[yStart + q] = scale * Dot(a, aStart, b, q * n, n);
        }

        /// <summary>Four of <see cref="ScaledDots"/>'s entries, rows b0/n … b0/n + 3, each in Dot's order.</summary>
        [MethodImpl(HotPath.Vectorised)]
        private static void FourDots(double[] y, int at, double scale, double[] a, int aStart, double[] b, int b0,
            int n)
        {
            Vector<double> acc0 = Vector<double>.Zero, acc1 = acc0, acc2 = acc0, acc3 = acc0;
            int j = 0;
            for (; j <= n - Width; j += Width)
            {
                var x = Load(a, aStart + j);
                acc0 += x * Load(b, b0 + j);
                acc1 += x * Load(b, b0 + n + j);
                acc2 += x * Load(b, b0 + 2 * n + j);
                acc3 += x * Load(b, b0 + 3 * n + j);
            }
            y[at] = scale * WithTail(Vector.Dot(acc0, Vector<double>.One), a, aStart, b, b0, j, n);
            y[at + 1] = scale * WithTail(Vector.Dot(acc1, Vector<double>.One), a, aStart, b, b0 + n, j, n);
            y[at + 2] = scale * WithTail(Vector.Dot(acc2, Vector<double>.One), a, aStart, b, b0 + 2 * n, j, n);
            y[at + 3] = scale * WithTail(Vector.Dot(acc3, Vector<double>.One), a, aStart, b, b0 + 3 * n, j, n);
        }

        /// <summary>sum + Σ_{j ≥ from} a[aStart + j]·b[bStart + j], added in order as Dot's scalar tail adds.</summary>
        private static double WithTail(double sum, double[] a, int aStart, double[] b, int bStart, int from, int n)
        {
            for (int j = from; j < n; j++) sum += a[aStart + j] * b[bStart + j];
            return sum;
        }

        /// <summary>y[yStart + j] = b[bStart + j] + w · x[j] for j in [0, n).</summary>
        public static void ScaledSum(double[] y, int yStart, double[] b, int bStart, double w, double[] x, int n) =>
            ScaledSum(y, yStart, b, bStart, w, x, 0, n);

        /// <summary>y[yStart + j] = b[bStart + j] + w · x[xStart + j] for j in [0, n).</summary>
        [MethodImpl(HotPath.Vectorised)]
        public static void ScaledSum(double[] y, int yStart, double[] b, int bStart, double w, double[] x, int xStart,
            int n)
        {
            int j = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var scale = Broadcast(w);
                for (; j <= n - Width; j += Width)
                    Store(Load(b, bStart + j) + scale * Load(x, xStart + j), y, yStart + j);
            }
            for (; j < n; j++) y[yStart + j] = b[bStart + j] + w * x[xStart + j];
        }
    
        /// <summary>
        /// a = max(z, 0) (ReLU) or z &gt; 0 ? z : slope·z (LeakyReLU) over [start, start + n), without branches.
        /// </summary>
        [MethodImpl(HotPath.Vectorised)]
        public static void Rectify(double[] z, double[] a, int start, int n, double slope)
        {
            int j = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var zero = Vector<double>.Zero;
                var leak = Broadcast(slope);
                for (; j <= n - Width; j += Width)
                {
                    var v = Load(z, start + j);
                    // ReLU selects +0 itself (0·z would give −0 for z < 0); selecting on z ≤ 0 lets NaN through.
                    Store(Vector.ConditionalSelect(Vector.LessThanOrEqual(v, zero), slope == 0 ? zero : leak * v, v),
                        a, start + j);
                }
            }
            for (; j < n; j++) { double v = z[start + j]; a[start + j] = v <= 0 ? (slope == 0 ? 0 : slope * v) : v; }
        }

        /// <summary>
        /// Whether (x[xStart + k] &gt; 0) differs from (y[yStart + k] &gt; 0) for any k in [0, n) that a dropout mask
        /// keeps (mask[yStart + k] not 0); a null mask keeps every unit.
        /// </summary>
        public static bool SignsDiffer(double[] x, int xStart, double[] y, int yStart, double[] mask, int n) =>
            mask == null ? SignsDiffer(x, xStart, y, yStart, n) : SignsDifferWhereKept(x, xStart, y, yStart, mask, n);

        /// <summary>
        /// Whether (x[xStart + k] &gt; 0) differs from (y[yStart + k] &gt; 0) for any k in [0, n) whose
        /// mask[yStart + k] is not 0.
        /// </summary>
        [MethodImpl(HotPath.Vectorised)]
        private static bool SignsDifferWhereKept(double[] x, int xStart, double[] y, int yStart, double[] mask,
            int n)
        {
            int k = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var zero = Vector<double>.Zero;
                for (; k <= n - Width; k += Width)
                {
                    var crossed = Vector.GreaterThan(Load(x, xStart + k), zero)
                        ^ Vector.GreaterThan(Load(y, yStart + k), zero);
                    var kept = Vector.GreaterThan(Load(mask, yStart + k), zero);
                    if (AnyLane(crossed & kept)) return true;
                }
            }
            for (; k < n; k++)
                if (x[xStart + k] > 0 != y[yStart + k] > 0 && mask[yStart + k] > 0) return true;
            return false;
        }

        /// <summary>Whether (x[k] &gt; 0) differs from (y[k] &gt; 0) for any k in [0, n).</summary>
        public static bool SignsDiffer(double[] x, double[] y, int n) => SignsDiffer(x, 0, y, 0, n);

        /// <summary>Whether (x[xStart + k] &gt; 0) differs from (y[yStart + k] &gt; 0) for any k in [0, n).</summary>
        [MethodImpl(HotPath.Vectorised)]
        public static bool SignsDiffer(double[] x, int xStart, double[] y, int yStart, int n)
        {
            int k = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var zero = Vector<double>.Zero;
                for (; k <= n - Width; k += Width)
                    if (AnyLane(Vector.GreaterThan(Load(x, xStart + k), zero)
                        ^ Vector.GreaterThan(Load(y, yStart + k), zero)))
                        return true;
            }
            for (; k < n; k++)
                if (x[xStart + k] > 0 != y[yStart + k] > 0) return true;
            return false;
        }
    }
}
