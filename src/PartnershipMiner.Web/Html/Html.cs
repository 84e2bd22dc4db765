using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace PartnershipMiner.Web.Html;

/// <summary>
/// A piece of markup that is safe to write as it is. The only ways to make one are <see cref="Of"/>, whose
/// interpolation holes are HTML-encoded unless they are markup themselves, and <see cref="Join"/>: text from the
/// store (evidence sentences, comments, reviewer names) cannot reach a page unencoded.
/// </summary>
internal readonly record struct Markup
{
    private readonly string? value;

    private Markup(string value) => this.value = value;

    public static Markup Empty => default;

    public static Markup Of(MarkupInterpolation markup) => new(markup.Build());

    public static Markup Join(IEnumerable<Markup> parts) => new(string.Concat(parts.Select(p => p.value)));

    public static Markup When(bool condition, Markup markup) => condition ? markup : Empty;

    /// <summary>Plain text, encoded.</summary>
    public static Markup Text(string? text) => new(MarkupInterpolation.Encoder.Encode(text ?? ""));

    public override string ToString() => value ?? "";
}

/// <summary>Builds <see cref="Markup"/> from an interpolated string: literals are markup, holes are encoded text.</summary>
[InterpolatedStringHandler]
internal ref struct MarkupInterpolation
{
    /// <summary>Encodes &lt; &gt; &amp; and both quotes, and leaves letters of every script readable.</summary>
    internal static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly StringBuilder builder;

    public MarkupInterpolation(int literalLength, int formattedCount) => builder = new StringBuilder(literalLength + (formattedCount * 16));

    public readonly void AppendLiteral(string literal) => builder.Append(literal);

    public readonly void AppendFormatted(Markup markup) => builder.Append(markup.ToString());

    public readonly void AppendFormatted(IEnumerable<Markup> parts)
    {
        foreach (var part in parts)
        {
            builder.Append(part.ToString());
        }
    }

    public readonly void AppendFormatted(string? text) => builder.Append(Encoder.Encode(text ?? ""));

    public readonly void AppendFormatted(int number) => builder.Append(number.ToString(CultureInfo.InvariantCulture));

    public readonly void AppendFormatted(long number) => builder.Append(number.ToString(CultureInfo.InvariantCulture));

    public readonly void AppendFormatted(int? number) => builder.Append(number?.ToString(CultureInfo.InvariantCulture) ?? "");

    public readonly void AppendFormatted(double number, string format) => builder.Append(number.ToString(format, CultureInfo.InvariantCulture));

    public readonly void AppendFormatted(DateTimeOffset moment, string format) =>
        builder.Append(Encoder.Encode(moment.ToString(format, CultureInfo.InvariantCulture)));

    internal readonly string Build() => builder.ToString();
}
