using System.Collections.Generic;
using System.Linq;
using GradCheck;
using Xunit;

namespace GradCheck.Core.Tests
{
    public class LayoutTests
    {
        private static ParameterLayout Course() => ParameterLayout.Create(new[]
        {
            new KeyValuePair<string, int[]>("W1", new[] { 5, 4 }),
            new KeyValuePair<string, int[]>("b1", new[] { 5, 1 }),
            new KeyValuePair<string, int[]>("W2", new[] { 3, 5 }),
            new KeyValuePair<string, int[]>("b2", new[] { 3, 1 }),
            new KeyValuePair<string, int[]>("W3", new[] { 1, 3 }),
            new KeyValuePair<string, int[]>("b3", new[] { 1, 1 }),
        });

        [Fact]
        public void BlocksSitEndToEnd()
        {
            var layout = Course();
            // 20 + 5 + 15 + 3 + 3 + 1 = 47 parameters, as in the course.
            Assert.Equal(47, layout.Count);
            Assert.Equal(new[] { 0, 20, 25, 40, 43, 46 }, layout.Blocks.Select(b => b.Offset));
        }

        [Fact]
        public void EntriesAreNamedRowMajorLikeNumpysReshape()
        {
            var layout = Course();
            // W1 is 5×4: flat entry 6 is row 1, column 2.
            Assert.Equal("W1[1,2]", layout.EntryName(6));
            Assert.Equal("b1[4,0]", layout.EntryName(24));
            Assert.Equal("W2[0,0]", layout.EntryName(25));
            Assert.Equal("b3[0,0]", layout.EntryName(46));
        }

        [Fact]
        public void KeysMatchDictionaryToVector()
        {
            var fixture = Fixtures.Load("course_nd");
            var expected = fixture.GetProperty("keys").EnumerateArray().Select(k => k.GetString()).ToArray();
            Assert.Equal(expected, Course().Keys());
        }

        [Fact]
        public void TheCoursesOrderPutsLayersFirstThenWeightsBeforeBiases()
        {
            var shuffled = new[] { "b2", "W10", "b1", "W2", "W1", "b10" };
            Assert.Equal(new[] { "W1", "b1", "W2", "b2", "W10", "b10" }, ParameterOrder.Course(shuffled));
        }

        [Theory]
        [InlineData("dW1", "W1")]
        [InlineData("W1", "W1")]
        [InlineData("db3", "b3")]
        [InlineData("dZ1", null)]
        public void GradientKeysMayCarryTheCoursesLeadingD(string key, string expected)
        {
            var layout = Course();
            Assert.Equal(expected, ParameterOrder.ParameterNameOf(key, n => layout.TryGetBlock(n, out _)));
        }

        [Theory]
        [InlineData(new[] { 5 }, new[] { 5, 1 }, true)]
        [InlineData(new[] { 5, 4 }, new[] { 4, 5 }, false)]
        [InlineData(new int[0], new[] { 1 }, true)]
        [InlineData(new[] { 2, 1 }, new[] { 1, 2 }, false)]
        [InlineData(new[] { 1, 5 }, new[] { 5 }, true)]
        [InlineData(new[] { 5, 1 }, new[] { 1, 5 }, false)]
        [InlineData(new[] { 5 }, new[] { 6, 1 }, false)]
        [InlineData(new[] { 3, 1 }, new[] { 1, 3, 1 }, false)]
        [InlineData(new[] { 1 }, new[] { 1, 1 }, true)]
        [InlineData(new[] { 2, 3 }, new[] { 2, 3 }, true)]
        public void ShapesAreCompatibleWhenTheyAgreeWithoutUnitAxes(int[] a, int[] b, bool expected)
        {
            Assert.Equal(expected, ShapeText.AreCompatible(a, b));
        }

        [Theory]
        [InlineData("w1", new[] { 5, 4 }, true)]
        [InlineData("W1", new[] { 4, 5 }, false)]
        [InlineData("W1", new[] { 5, 4, 1 }, false)]
        [InlineData("W2", new[] { 5, 4 }, false)]
        public void LayoutsAreTheSameWithTheSameNamesInAnyCaseShapesAndOrder(string name, int[] shape, bool expected)
        {
            var a = ParameterLayout.Create(new[]
            {
                new KeyValuePair<string, int[]>("W1", new[] { 5, 4 }),
                new KeyValuePair<string, int[]>("b1", new[] { 5, 1 }),
            });
            var b = ParameterLayout.Create(new[]
            {
                new KeyValuePair<string, int[]>(name, shape), new KeyValuePair<string, int[]>("b1", new[] { 5, 1 }),
            });
            Assert.Equal(expected, a.SameAs(b));
        }

        [Fact]
        public void ALayoutIsNotTheSameAsOneWithOtherBlocksOrNone()
        {
            var a = ParameterLayout.Create(new[]
            {
                new KeyValuePair<string, int[]>("W1", new[] { 5, 4 }),
                new KeyValuePair<string, int[]>("b1", new[] { 5, 1 }),
            });
            Assert.False(a.SameAs(ParameterLayout.Single("W1", 20)));
            Assert.False(a.SameAs(null));
            Assert.True(a.SameAs(a));
        }

        [Theory]
        [InlineData(new int[0], "()")]
        [InlineData(new[] { 5 }, "(5,)")]
        [InlineData(new[] { 5, 4 }, "(5, 4)")]
        [InlineData(new[] { 2, 3, 4 }, "(2, 3, 4)")]
        public void ShapesAreWrittenAsNumpyPrintsThem(int[] shape, string expected)
        {
            Assert.Equal(expected, ShapeText.Format(shape));
        }

        [Theory]
        [InlineData(new int[0], "-", "")]
        [InlineData(new[] { 784 }, "-", "784")]
        [InlineData(new[] { 784, 128, 64, 1 }, "-", "784-128-64-1")]
        [InlineData(new[] { 0, -3, 12 }, ", ", "0, -3, 12")]
        public void NumbersAreJoinedAsStringJoinJoinsThem(int[] values, string separator, string expected)
        {
            Assert.Equal(expected, ShapeText.Join(separator, values));
        }
    }
}
