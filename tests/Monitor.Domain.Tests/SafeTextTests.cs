namespace Monitor.Tests;

/// <summary>Which characters text may carry, and how text is shown and quoted so that none of the others acts or hides.</summary>
public class SafeTextTests
{
    [Theory]
    [InlineData("Talks held at the Pentagon.")]
    [InlineData("国防部长会见美国防长")]
    [InlineData("Café — “quoted” 🙂")]
    [InlineData("محادثات عسكرية")] // right-to-left text needs no override to display
    public void Plain_text_in_any_script_is_accepted(string text) => Assert.Null(SafeText.Refusal(text));

    [Theory]
    [InlineData("\u0000", "U+0000")] // NUL
    [InlineData("\u001b[2J", "U+001B")] // ESC: clears a terminal
    [InlineData("a\rb", "U+000D")] // carriage return: overwrites a line
    [InlineData("\u007f", "U+007F")] // DEL
    [InlineData("\u009b2J", "U+009B")] // C1 control sequence introducer
    [InlineData("abc\u202Edcba", "U+202E")] // right-to-left override
    [InlineData("\u202A", "U+202A")]
    [InlineData("\u2066x\u2069", "U+2066")] // isolates
    [InlineData("\u2069", "U+2069")]
    [InlineData("Reu\u200Bters", "U+200B")] // zero-width space: two names that look alike
    [InlineData("Reu\u00ADters", "U+00AD")] // soft hyphen
    [InlineData("\uFEFFTitle", "U+FEFF")] // byte-order mark
    [InlineData("x\U000E0041", "U+E0041")] // a tag character, invisible
    [InlineData("a\u2028b", "U+2028")] // line separator
    public void Control_bidi_and_invisible_characters_are_refused_by_code_point(string text, string named)
    {
        Assert.Contains(named, SafeText.Refusal(text));
        Assert.Contains(named, SafeText.Refusal(text, prose: true));
    }

    [Fact]
    public void A_lone_surrogate_is_refused_and_shown_as_a_replacement()
    {
        Assert.Contains("lone surrogate", SafeText.Refusal("ab\uD800c"));
        Assert.Equal("ab\uFFFDc", SafeText.Visible("ab\uD800c"));
    }

    [Fact]
    public void The_message_says_where() => Assert.StartsWith("Character 4 is U+001B", SafeText.Refusal("abc\u001b"));

    [Theory]
    [InlineData("First line.\nSecond line.")]
    [InlineData("Name:\tvalue")]
    public void Prose_may_break_lines_and_tab_but_a_one_line_field_may_not(string text)
    {
        Assert.Null(SafeText.Refusal(text, prose: true));
        Assert.NotNull(SafeText.Refusal(text));
    }

    [Theory]
    [InlineData("a\u001b[2Jb", "a\uFFFD[2Jb")]
    [InlineData("a\u009b2Jb", "a\uFFFD2Jb")]
    [InlineData("abc\u202Edcba\u202C", "abc\uFFFDdcba\uFFFD")]
    [InlineData("line\nforged row\tcell\r", "line forged row cell ")]
    [InlineData("a\u2028b", "a b")]
    [InlineData("x\U000E0041y", "x\uFFFDy")]
    [InlineData("国防部 🙂", "国防部 🙂")]
    public void Shown_text_keeps_every_visible_character_and_marks_each_hidden_one(string text, string shown) =>
        Assert.Equal(shown, SafeText.Visible(text));

    [Fact]
    public void A_quoted_input_is_short_and_visible()
    {
        Assert.Equal("'navy'", SafeText.Quote("navy"));
        Assert.Equal("'\uFFFD[2J'", SafeText.Quote("\u001b[2J"));
        var quoted = SafeText.Quote(new string('x', 10_000));
        Assert.Equal($"'{new string('x', SafeText.MaxEcho)}…' (10,000 characters)", quoted);
    }

    [Fact]
    public void A_quote_never_splits_a_character()
    {
        var text = new string('x', SafeText.MaxEcho - 1) + "🙂🙂";
        Assert.Equal($"'{new string('x', SafeText.MaxEcho - 1)}…' ({text.Length} characters)", SafeText.Quote(text));
    }
}
