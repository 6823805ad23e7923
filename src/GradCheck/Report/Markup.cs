using System;
using System.Globalization;
using System.Net;
using System.Text;

namespace GradCheck.Commands
{
    /// <summary>
    /// Builds the report's HTML and SVG text. Every string that reaches the page goes through
    /// <see cref="Encode"/>, so block names, messages and titles can hold any character.
    /// The output is also well-formed XML (no named entities beyond XML's own, every element closed),
    /// so it can be read back with an XML parser.
    /// </summary>
    internal sealed class Markup
    {
        private readonly StringBuilder _text = new StringBuilder();

        public static string Encode(string text) => WebUtility.HtmlEncode(text ?? string.Empty);

        /// <summary>A number for people: four significant digits, invariant culture, a dash for NaN.</summary>
        public static string Number(double value)
        {
            if (double.IsNaN(value)) return "—";
            if (double.IsPositiveInfinity(value)) return "∞";
            if (double.IsNegativeInfinity(value)) return "−∞";
            return value.ToString("G4", CultureInfo.InvariantCulture);
        }

        /// <summary>A full-precision number, for tooltips where the digits matter.</summary>
        public static string Exact(double value) =>
            double.IsNaN(value) ? "—" : value.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>An SVG coordinate: one decimal is finer than a pixel.</summary>
        public static string Coordinate(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

        /// <summary>Markup that is already safe: tags written by the report itself.</summary>
        public Markup Raw(string markup)
        {
            _text.Append(markup);
            return this;
        }

        public Markup Text(string text) => Raw(Encode(text));

        /// <summary>
        /// An opening tag; attributes come in name/value pairs and a null value leaves that attribute out.
        /// </summary>
        public Markup Open(string tag, params string[] attributes)
        {
            _text.Append('<').Append(tag);
            AppendAttributes(attributes);
            _text.Append('>');
            return this;
        }

        /// <summary>A childless element, closed XML-style so the document stays well-formed.</summary>
        public Markup Empty(string tag, params string[] attributes)
        {
            _text.Append('<').Append(tag);
            AppendAttributes(attributes);
            _text.Append("/>");
            return this;
        }

        public Markup Close(string tag)
        {
            _text.Append("</").Append(tag).Append('>');
            return this;
        }

        /// <summary>An element holding encoded text.</summary>
        public Markup Element(string tag, string text, params string[] attributes) =>
            Open(tag, attributes).Text(text).Close(tag);

        public Markup Line()
        {
            _text.Append('\n');
            return this;
        }

        private void AppendAttributes(string[] attributes)
        {
            if (attributes.Length % 2 != 0)
                throw new ArgumentException("Attributes come in name/value pairs.", nameof(attributes));
            for (int i = 0; i < attributes.Length; i += 2)
            {
                if (attributes[i + 1] == null) continue;
                _text.Append(' ').Append(attributes[i]).Append("=\"").Append(Encode(attributes[i + 1])).Append('"');
            }
        }

        public override string ToString() => _text.ToString();
    }
}
