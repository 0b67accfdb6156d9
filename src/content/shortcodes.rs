//! Shortcodes in bodies, as Zola writes them: `{{ name(arg="v", n=1) }}` inline and
//! `{% name(arg="v") %}…{% end %}` with a body. This module finds them in a body's source and reads their
//! arguments; `markdown::calls` renders them through the theme's `templates/shortcodes/<name>.html`.
//!
//! Shortcodes inside code spans and code blocks are text. Hugo's `{{< name >}}` and `{{% name %}}` are found
//! too, to be reported with the glossgen equivalent (they stay text: guessing their meaning would be worse).
//! Each call is replaced by a placeholder before the body is parsed as Markdown, so the Markdown parser (and
//! with it the auto-linker and smart punctuation) never sees a shortcode's source.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

/// A shortcode argument's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `"text"` or `'text'`.
    Str(String),
    /// `3`, `-1`.
    Int(i64),
    /// `1.5`.
    Float(f64),
    /// `true`, `false`.
    Bool(bool),
}

impl Value {
    /// The value as templates see it.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Str(s) => serde_json::Value::from(s.as_str()),
            Value::Int(n) => serde_json::Value::from(*n),
            Value::Float(f) => serde_json::Value::from(*f),
            Value::Bool(b) => serde_json::Value::from(*b),
        }
    }
}

/// One shortcode call, at depth 0 of the text it was found in (calls inside a body are found when the body
/// is rendered).
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The shortcode's name.
    pub name: String,
    /// The arguments, in the order written.
    pub args: Vec<(String, Value)>,
    /// The whole call, from `{{`/`{%` to `}}` or the end of `{% end %}`.
    pub span: Range<usize>,
    /// Where the body is, for a call with one.
    pub body: Option<Range<usize>>,
}

impl Call {
    /// The argument `name`, if given.
    pub fn arg(&self, name: &str) -> Option<&Value> {
        self.args.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
}

/// A Hugo shortcode, which glossgen leaves as text and reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Foreign {
    /// Where it starts.
    pub at: usize,
    /// The call as written, `{{< notice warning >}}`.
    pub source: String,
    /// The glossgen way to write it.
    pub hint: String,
}

/// A shortcode that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    /// Where the problem is.
    pub at: usize,
    /// What is wrong.
    pub message: String,
    /// How to write it.
    pub hint: String,
}

/// What a text holds at depth 0.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Found {
    /// Calls, in order.
    pub calls: Vec<Call>,
    /// Hugo shortcodes.
    pub foreign: Vec<Foreign>,
    /// Calls that could not be read.
    pub malformed: Vec<Malformed>,
}

/// The first character of a placeholder; the second is [`PLACEHOLDER_BASE`] plus the call's number. Both are
/// private-use characters, which no text is expected to hold and Markdown treats as plain letters.
pub const PLACEHOLDER: char = '\u{E000}';
const PLACEHOLDER_BASE: u32 = 0xF0000;
/// Calls one text can hold (the private-use plane has this many characters).
const MAX_CALLS: usize = 0xFFFD;

/// The placeholder of call `n`.
fn placeholder(n: usize) -> [char; 2] {
    [PLACEHOLDER, char::from_u32(PLACEHOLDER_BASE + n as u32).unwrap_or(PLACEHOLDER)]
}

/// The call number a placeholder's second character stands for.
pub fn call_number(c: char) -> Option<usize> {
    let n = u32::from(c).checked_sub(PLACEHOLDER_BASE)? as usize;
    (n < MAX_CALLS).then_some(n)
}

/// Byte ranges of code spans and code blocks, where shortcodes are text.
fn code_ranges(source: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut parser = Parser::new_ext(source, super::body_options()).into_offset_iter();
    while let Some((event, range)) = parser.next() {
        match event {
            Event::Code(_) => ranges.push(range),
            Event::Start(Tag::CodeBlock(_)) => {
                ranges.push(range.clone());
                // Skip the block's text: its range is inside this one.
                for (e, _) in parser.by_ref() {
                    if matches!(e, Event::End(pulldown_cmark::TagEnd::CodeBlock)) {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    ranges
}

/// A piece of shortcode syntax, before calls are paired with their ends.
enum Token {
    Inline(Call),
    Open(Call),
    End(Range<usize>),
}

/// Finds the shortcodes of `source` at depth 0. Cheap for text without `{{` or `{%`.
pub fn find(source: &str) -> Found {
    let mut found = Found::default();
    if !source.contains("{{") && !source.contains("{%") {
        return found;
    }
    let code = code_ranges(source);
    let in_code = |at: usize| code.iter().any(|r| r.contains(&at));
    let mut tokens: Vec<Token> = Vec::new();
    let bytes = source.as_bytes();
    let mut i = 0;
    while let Some(off) = source[i..].find('{') {
        let at = i + off;
        i = at + 1;
        if bytes.get(at + 1).is_none_or(|&b| b != b'{' && b != b'%') || in_code(at) {
            continue;
        }
        match read_tag(source, at) {
            Read::NotATag => {}
            Read::Foreign(foreign, end) => {
                found.foreign.extend(foreign);
                i = end;
            }
            Read::Bad(problem) => {
                found.malformed.push(problem);
            }
            Read::Inline(call) => {
                i = call.span.end;
                tokens.push(Token::Inline(call));
            }
            Read::Open(call) => {
                i = call.span.end;
                tokens.push(Token::Open(call));
            }
            Read::End(range) => {
                i = range.end;
                tokens.push(Token::End(range));
            }
        }
    }
    pair(tokens, &mut found);
    if found.calls.len() > MAX_CALLS {
        found.malformed.push(Malformed {
            at: found.calls[MAX_CALLS].span.start,
            message: format!("more than {MAX_CALLS} shortcodes in one body"),
            hint: "split the entry".to_string(),
        });
        found.calls.truncate(MAX_CALLS);
    }
    found
}

/// Pairs block openings with their `{% end %}`; keeps the calls at depth 0, with nested ones left inside
/// their bodies.
fn pair(tokens: Vec<Token>, found: &mut Found) {
    let mut open: Vec<Call> = Vec::new();
    for token in tokens {
        match token {
            Token::Inline(call) if open.is_empty() => found.calls.push(call),
            Token::Inline(_) => {}
            Token::Open(call) => open.push(call),
            Token::End(range) => match open.pop() {
                Some(mut call) if open.is_empty() => {
                    call.body = Some(call.span.end..range.start);
                    call.span.end = range.end;
                    found.calls.push(call);
                }
                Some(_) => {}
                None => found.malformed.push(Malformed {
                    at: range.start,
                    message: "`{% end %}` closes no shortcode".to_string(),
                    hint: "a body starts with `{% name(...) %}`; remove this line or add the opening".to_string(),
                }),
            },
        }
    }
    for call in open {
        let name = &call.name;
        found.malformed.push(Malformed {
            at: call.span.start,
            message: format!("the shortcode `{name}` has no `{{% end %}}`"),
            hint: format!("end its body with `{{% end %}}` on a line of its own, or write `{{{{ {name}(...) }}}}` for one without a body"),
        });
    }
    found.calls.sort_by_key(|c| c.span.start);
}

enum Read {
    NotATag,
    Foreign(Option<Foreign>, usize),
    Bad(Malformed),
    Inline(Call),
    Open(Call),
    End(Range<usize>),
}

/// Reads the tag that starts at `at` (`{{` or `{%`).
fn read_tag(source: &str, at: usize) -> Read {
    let rest = &source[at..];
    if rest.starts_with("{{<") || rest.starts_with("{{%") {
        return read_foreign(source, at);
    }
    let block = rest.starts_with("{%");
    let mut p = Cursor { s: source, i: at + 2 };
    p.spaces();
    let name = p.ident();
    if name.is_empty() {
        return Read::NotATag;
    }
    p.spaces();
    if block && name == "end" {
        return match p.eat("%}") {
            true => Read::End(at..p.i),
            false => Read::NotATag,
        };
    }
    if !p.eat("(") {
        return Read::NotATag;
    }
    let close = if block { "%}" } else { "}}" };
    let syntax = if block {
        format!("{{% {name}(arg=\"value\") %}}…{{% end %}}")
    } else {
        format!("{{{{ {name}(arg=\"value\") }}}}")
    };
    let bad = |at: usize, message: String| {
        Read::Bad(Malformed {
            at,
            message,
            hint: format!("write `{syntax}`: strings in quotes, numbers and true/false bare"),
        })
    };
    let mut args: Vec<(String, Value)> = Vec::new();
    loop {
        p.spaces();
        if p.eat(")") {
            break;
        }
        if !args.is_empty() && !p.eat(",") {
            return match p.rest().starts_with(close) || p.rest().is_empty() {
                true => bad(p.i, format!("`{name}(` is not closed with `)`")),
                false => bad(p.i, format!("the arguments of `{name}` are not separated by commas")),
            };
        }
        p.spaces();
        if p.eat(")") {
            break;
        }
        let key_at = p.i;
        let key = p.ident();
        if key.is_empty() {
            return bad(key_at, format!("an argument of `{name}` has no name"));
        }
        p.spaces();
        if !p.eat("=") {
            return bad(p.i, format!("the argument `{key}` of `{name}` has no `=value`"));
        }
        p.spaces();
        let value_at = p.i;
        let Some(value) = p.value() else {
            return bad(value_at, format!("the argument `{key}` of `{name}` has no readable value"));
        };
        if args.iter().any(|(k, _)| *k == key) {
            return bad(key_at, format!("the argument `{key}` of `{name}` is given twice"));
        }
        args.push((key, value));
    }
    p.spaces();
    if !p.eat(close) {
        return bad(p.i, format!("the shortcode `{name}` does not end with `{close}`"));
    }
    let call = Call { name, args, span: at..p.i, body: None };
    if block { Read::Open(call) } else { Read::Inline(call) }
}

/// Reads a Hugo shortcode, `{{< name args >}}` or `{{% name args %}}`; closing tags are skipped silently.
fn read_foreign(source: &str, at: usize) -> Read {
    let rest = &source[at..];
    let close = if rest.starts_with("{{<") { ">}}" } else { "%}}" };
    let Some(len) = rest.find(close).map(|n| n + close.len()).filter(|&n| n <= 2000) else {
        return Read::Foreign(None, at + 3);
    };
    let text = &rest[..len];
    let inner = text[3..len - 3].trim();
    if inner.starts_with('/') || inner.starts_with("/*") {
        return Read::Foreign(None, at + len);
    }
    let mut words = inner.split_whitespace();
    let name = words.next().unwrap_or_default().to_string();
    let first = words.next().unwrap_or_default().trim_matches('"').to_ascii_lowercase();
    Read::Foreign(Some(Foreign { at, source: text.to_string(), hint: hugo_hint(&name, &first) }), at + len)
}

/// The glossgen way to write a Hugo shortcode.
fn hugo_hint(name: &str, first: &str) -> String {
    let callout = |kind: &str| {
        let kind = match kind {
            "warning" | "danger" | "caution" | "error" | "important" => "warning",
            "tip" | "success" | "hint" => "tip",
            _ => "note",
        };
        format!("glossgen writes a callout as `{{% {kind}() %}}…{{% end %}}` (note, tip and warning are built in)")
    };
    match name {
        "notice" | "alert" | "callout" | "admonition" | "hint" | "info" | "note" => callout(first),
        "warning" | "danger" | "caution" => callout("warning"),
        "tip" => callout("tip"),
        "figure" | "img" | "image" => {
            "glossgen writes `{{ figure(src=\"…\", alt=\"…\", caption=\"…\") }}` (alt text is required)".to_string()
        }
        "ref" | "relref" => "link to a concept with `[text](@/<id>.md)` or `[[name]]`".to_string(),
        "highlight" | "code" => "write a fenced code block: ```language … ```".to_string(),
        _ => format!(
            "glossgen shortcodes are written `{{{{ {name}(arg=\"value\") }}}}`, from templates/shortcodes/{name}.html"
        ),
    }
}

/// Replaces every call of `found` in `source` with its placeholder, and says how to map a byte offset of
/// the result back to `source`.
pub fn substitute(source: &str, calls: &[Call]) -> (String, OffsetMap) {
    let mut out = String::with_capacity(source.len());
    let mut edits = Vec::with_capacity(calls.len());
    let mut from = 0;
    for (n, call) in calls.iter().enumerate() {
        out.push_str(&source[from..call.span.start]);
        let start = out.len();
        out.extend(placeholder(n));
        edits.push(Edit { new: start..out.len(), old: call.span.clone() });
        from = call.span.end;
    }
    out.push_str(&source[from..]);
    (out, OffsetMap { edits })
}

#[derive(Debug, Clone)]
struct Edit {
    new: Range<usize>,
    old: Range<usize>,
}

/// Maps byte offsets of a text whose calls were replaced by placeholders back to the text as written.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    edits: Vec<Edit>,
}

impl OffsetMap {
    /// The offset in the original text of `offset` in the substituted one.
    pub fn original(&self, offset: usize) -> usize {
        let before = self.edits.partition_point(|e| e.new.start <= offset);
        match before.checked_sub(1).map(|n| &self.edits[n]) {
            None => offset,
            Some(e) if offset < e.new.end => e.old.start,
            Some(e) => offset - e.new.end + e.old.end,
        }
    }
}

/// The text of a body as readers see it, for the search index: shortcode syntax gone, bodies and the text
/// arguments readers see (`title`, `caption`, `alt`, `text`) kept.
pub fn visible_text(source: &str) -> std::borrow::Cow<'_, str> {
    let found = find(source);
    if found.calls.is_empty() {
        return source.into();
    }
    let mut out = String::with_capacity(source.len());
    let mut from = 0;
    for call in &found.calls {
        out.push_str(&source[from..call.span.start]);
        for key in ["title", "caption", "alt", "text"] {
            if let Some(Value::Str(s)) = call.arg(key) {
                out.push(' ');
                out.push_str(s);
                out.push(' ');
            }
        }
        if let Some(body) = &call.body {
            out.push('\n');
            out.push_str(&visible_text(&source[body.clone()]));
            out.push('\n');
        }
        from = call.span.end;
    }
    out.push_str(&source[from..]);
    out.into()
}

/// Reads shortcode syntax.
struct Cursor<'s> {
    s: &'s str,
    i: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        &self.s[self.i..]
    }

    fn spaces(&mut self) {
        let rest = self.rest();
        self.i += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, word: &str) -> bool {
        let found = self.rest().starts_with(word);
        if found {
            self.i += word.len();
        }
        found
    }

    fn ident(&mut self) -> String {
        let rest = self.rest();
        let len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
        let first_ok = rest.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
        if !first_ok {
            return String::new();
        }
        let ident = rest[..len].to_string();
        self.i += len;
        ident
    }

    fn value(&mut self) -> Option<Value> {
        let rest = self.rest();
        let quote = rest.chars().next()?;
        if matches!(quote, '"' | '\'' | '`') {
            let mut text = String::new();
            let mut chars = rest[1..].char_indices();
            while let Some((n, c)) = chars.next() {
                match c {
                    '\\' if quote != '`' => match chars.next() {
                        Some((_, 'n')) => text.push('\n'),
                        Some((_, e)) => text.push(e),
                        None => return None,
                    },
                    c if c == quote => {
                        self.i += 1 + n + c.len_utf8();
                        return Some(Value::Str(text));
                    }
                    c => text.push(c),
                }
            }
            return None;
        }
        for (word, value) in [("true", true), ("false", false)] {
            if rest.starts_with(word) && !rest[word.len()..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
                self.i += word.len();
                return Some(Value::Bool(value));
            }
        }
        let len = rest
            .char_indices()
            .find(|&(n, c)| !(c.is_ascii_digit() || c == '.' || (n == 0 && (c == '-' || c == '+'))))
            .map_or(rest.len(), |(n, _)| n);
        let number = &rest[..len];
        let value = if let Ok(n) = number.parse::<i64>() {
            Value::Int(n)
        } else {
            Value::Float(number.parse::<f64>().ok().filter(|f| f.is_finite())?)
        };
        self.i += len;
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_are_found_with_their_arguments_and_bodies() {
        let text = "A {{ term(id=\"model\") }} and\n\n{% note(title='Mind', n=2, ok=true, x=-1.5) %}\nInner {{ term(id=\"x\") }}\n{% end %}\n";
        let found = find(text);
        assert!(found.malformed.is_empty(), "{:?}", found.malformed);
        assert_eq!(found.calls.len(), 2);
        assert_eq!(found.calls[0].name, "term");
        assert_eq!(found.calls[0].arg("id"), Some(&Value::Str("model".into())));
        let note = &found.calls[1];
        assert_eq!(note.name, "note");
        assert_eq!(note.arg("n"), Some(&Value::Int(2)));
        assert_eq!(note.arg("ok"), Some(&Value::Bool(true)));
        assert_eq!(note.arg("x"), Some(&Value::Float(-1.5)));
        assert_eq!(&text[note.body.clone().unwrap()], "\nInner {{ term(id=\"x\") }}\n");
        assert!(text[note.span.clone()].ends_with("{% end %}"));
    }

    #[test]
    fn code_and_prose_braces_are_left_alone() {
        let text = "`{{ term(id=\"a\") }}` and\n\n```\n{% note() %}\n{% end %}\n```\n\nA set {{x}} or {% raw %}.";
        let found = find(text);
        assert_eq!(found, Found::default());
    }

    #[test]
    fn nested_bodies_keep_their_calls_inside() {
        let text = "{% note() %}\n{% tip() %}\nx\n{% end %}\n{% end %}\n";
        let found = find(text);
        assert_eq!(found.calls.len(), 1);
        let inner = find(&text[found.calls[0].body.clone().unwrap()]);
        assert_eq!(inner.calls.len(), 1);
        assert_eq!(inner.calls[0].name, "tip");
    }

    #[test]
    fn mistakes_are_located() {
        let found = find("x {{ figure(src=\"a.png\" alt=\"b\") }}");
        assert_eq!(found.malformed.len(), 1);
        assert_eq!(found.malformed[0].at, 24);
        let found = find("{% note() %}\nnever closed\n");
        assert!(found.malformed[0].message.contains("no `{% end %}`"));
        let found = find("text\n{% end %}\n");
        assert!(found.malformed[0].message.contains("closes no shortcode"));
    }

    #[test]
    fn hugo_shortcodes_are_named_with_their_equivalent() {
        let found = find("{{< notice warning >}}\nCareful\n{{< /notice >}}\n{{% figure src=\"a\" %}}");
        assert_eq!(found.foreign.len(), 2);
        assert!(found.foreign[0].hint.contains("warning()"), "{}", found.foreign[0].hint);
        assert!(found.foreign[1].hint.contains("figure(src="));
        assert!(found.calls.is_empty());
    }

    #[test]
    fn offsets_map_back_through_placeholders() {
        let text = "ab {{ t(x=1) }} cd";
        let found = find(text);
        let (out, map) = substitute(text, &found.calls);
        let placeholder_at = out.find(PLACEHOLDER).unwrap();
        assert_eq!(map.original(placeholder_at), 3);
        let cd = out.find("cd").unwrap();
        assert_eq!(map.original(cd), text.find("cd").unwrap());
        assert_eq!(map.original(1), 1);
    }

    #[test]
    fn search_sees_bodies_and_shown_arguments_only() {
        let text =
            "{% warning(title=\"Leakage\") %}\nHeld-out data\n{% end %}\n{{ figure(src=\"x.png\", alt=\"A curve\") }}";
        let visible = visible_text(text);
        assert!(visible.contains("Leakage") && visible.contains("Held-out data") && visible.contains("A curve"));
        assert!(!visible.contains("warning") && !visible.contains("src") && !visible.contains("x.png"));
    }
}
