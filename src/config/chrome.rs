//! What fits a glossary into its owner's website, per language: the main menu and the footer's link
//! columns, the first item of the breadcrumb, and call-to-action blocks on entry pages; and, for the whole
//! site, an icon per category. All of it is read from `site.toml` and checked here, each problem at its line.

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;

/// A link in a menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MenuItem {
    /// The text shown.
    pub name: String,
    /// Where it leads: a path on the host (`/nl/diensten/`) or an absolute URL.
    pub url: String,
    /// It leads to another site (an absolute URL outside `base_url`).
    pub external: bool,
}

/// A column of links in the footer, under its heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FooterColumn {
    /// The column's heading.
    pub heading: String,
    /// Its links.
    pub links: Vec<MenuItem>,
}

/// Where on an entry page a call-to-action block stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Placement {
    /// After the list of sources.
    AfterSources,
    /// After the related concepts.
    AfterRelated,
    /// At the end of the entry.
    End,
}

/// The placements, as `site.toml` names them.
const PLACEMENTS: &[(&str, Placement)] =
    &[("after-sources", Placement::AfterSources), ("after-related", Placement::AfterRelated), ("end", Placement::End)];

/// A call-to-action block ("Need help implementing AI? … Get in touch").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cta {
    /// Its heading.
    pub title: String,
    /// A sentence or two under it.
    pub text: String,
    /// The button's text.
    pub button: String,
    /// Where the button leads.
    pub url: String,
    /// It leads to another site.
    pub external: bool,
    /// Where it stands.
    pub placement: Placement,
}

/// The owner's website around the glossary, in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Chrome {
    /// The main menu (`[[languages.<code>.menu.main]]`); empty: the theme shows the glossary's own links.
    pub main: Vec<MenuItem>,
    /// The footer's link columns (`[[languages.<code>.menu.footer]]`).
    pub footer: Vec<FooterColumn>,
    /// The breadcrumb's first item (`home_url`, `home_label`; an empty name means the translated "Home");
    /// `None`: the language's glossary home.
    pub home: Option<MenuItem>,
    /// Call-to-action blocks (`[[languages.<code>.cta]]`), in the order written.
    pub cta: Vec<Cta>,
}

/// An icon chosen for a category (`[categories.<slug>] icon = …`), checked against the theme's icons and
/// the site's `static/` once those are loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryIcon {
    /// The category's slug, in any language.
    pub slug: String,
    /// A built-in icon's name, or a path under `static/`.
    pub icon: String,
    /// Line and column of the setting.
    pub at: (usize, usize),
    /// The icon as HTML, made once the theme is loaded ([`crate::theme::resolve_icons`]).
    pub html: String,
}

// Every field is optional here, so that one missing setting does not hide the other problems: each is
// reported by `read`, at its table.
#[derive(Deserialize, Default)]
pub(super) struct RawMenus {
    #[serde(default)]
    main: Vec<toml::Spanned<RawItem>>,
    #[serde(default)]
    footer: Vec<toml::Spanned<RawColumn>>,
}

#[derive(Deserialize)]
struct RawItem {
    name: Option<toml::Spanned<String>>,
    url: Option<toml::Spanned<String>>,
}

#[derive(Deserialize)]
struct RawColumn {
    heading: Option<toml::Spanned<String>>,
    #[serde(default)]
    links: Vec<toml::Spanned<RawItem>>,
}

#[derive(Deserialize)]
pub(super) struct RawCta {
    title: Option<toml::Spanned<String>>,
    #[serde(default)]
    text: String,
    button: Option<toml::Spanned<String>>,
    url: Option<toml::Spanned<String>>,
    placement: Option<toml::Spanned<String>>,
}

/// A setting a table needs, or an error at the table; a present one must not be blank.
fn needed(
    value: Option<toml::Spanned<String>>,
    table: &std::ops::Range<usize>,
    (what, key): (&str, &str),
    at: At<'_>,
    problems: &mut Vec<Diagnostic>,
) -> toml::Spanned<String> {
    match value {
        Some(value) => {
            if value.get_ref().trim().is_empty() {
                problems.push(at(
                    value.span(),
                    format!("the `{key}` of {what} is empty"),
                    "write the text readers see",
                ));
            }
            value
        }
        None => {
            problems.push(at(table.clone(), format!("{what} has no `{key}`"), &format!("add `{key} = \"…\"` to it")));
            toml::Spanned::new(table.clone(), String::new())
        }
    }
}

#[derive(Deserialize)]
pub(super) struct RawCategory {
    icon: toml::Spanned<String>,
}

/// The settings of a menu item, a footer column, a call to action and a category.
const ITEM_KEYS: &[&str] = &["name", "url"];
const COLUMN_KEYS: &[&str] = &["heading", "links"];
const MENU_KEYS: &[&str] = &["main", "footer"];
const CTA_KEYS: &[&str] = &["title", "text", "button", "url", "placement"];
const CATEGORY_KEYS: &[&str] = &["icon"];

/// Reports an unknown key (its place, the known keys, the table it is in).
pub(super) type Unknown<'u> = &'u dyn Fn(&toml::Spanned<toml::de::DeString<'_>>, &[&str], &str) -> Diagnostic;

/// Places in `site.toml` as the configuration reports them.
pub(super) type At<'a> = &'a dyn Fn(std::ops::Range<usize>, String, &str) -> Diagnostic;

/// The chrome of one language from its raw settings; every problem goes to `problems`.
pub(super) fn read(
    base: Option<&crate::types::BaseUrl>,
    menus: RawMenus,
    cta: Vec<toml::Spanned<RawCta>>,
    home: (Option<toml::Spanned<String>>, Option<toml::Spanned<String>>),
    at: At<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Chrome {
    let item = |raw: toml::Spanned<RawItem>, problems: &mut Vec<Diagnostic>| {
        let span = raw.span();
        let raw = raw.into_inner();
        let name = needed(raw.name, &span, ("a menu item", "name"), at, problems);
        let url = needed(raw.url, &span, ("a menu item", "url"), at, problems);
        let external = check_url(&url, base, at, problems);
        MenuItem { name: name.into_inner(), url: url.into_inner(), external }
    };
    let main = menus.main.into_iter().map(|i| item(i, problems)).collect();
    let footer = menus
        .footer
        .into_iter()
        .map(|c| {
            let span = c.span();
            let c = c.into_inner();
            let heading = needed(c.heading, &span, ("a footer column", "heading"), at, problems);
            let links = c.links.into_iter().map(|i| item(i, problems)).collect();
            FooterColumn { heading: heading.into_inner(), links }
        })
        .collect();
    let home = match home {
        (Some(url), label) => {
            let external = check_url(&url, base, at, problems);
            // Without a label the theme says "Home" in the page's language.
            let name = label.map(toml::Spanned::into_inner).unwrap_or_default();
            Some(MenuItem { name, url: url.into_inner(), external })
        }
        (None, Some(label)) => {
            let hint = "add `home_url = \"/\"` (the owner's home page) beside it";
            problems.push(at(label.span(), "`home_label` without `home_url`".to_string(), hint));
            None
        }
        (None, None) => None,
    };
    let cta = cta
        .into_iter()
        .filter_map(|c| {
            let span = c.span();
            let c = c.into_inner();
            let title = needed(c.title, &span, ("a call to action", "title"), at, problems);
            let button = needed(c.button, &span, ("a call to action", "button"), at, problems);
            let url = needed(c.url, &span, ("a call to action", "url"), at, problems);
            let external = check_url(&url, base, at, problems);
            let placement = c.placement.unwrap_or_else(|| toml::Spanned::new(span.clone(), "end".to_string()));
            let Some(&(_, place)) = PLACEMENTS.iter().find(|(name, _)| *name == placement.get_ref()) else {
                let names: Vec<&str> = PLACEMENTS.iter().map(|(n, _)| *n).collect();
                problems.push(at(
                    placement.span(),
                    format!("`{}` is not a placement", placement.get_ref()),
                    &format!("write one of {}", names.join(", ")),
                ));
                return None;
            };
            Some(Cta {
                title: title.into_inner(),
                text: c.text,
                button: button.into_inner(),
                url: url.into_inner(),
                external,
                placement: place,
            })
        })
        .collect();
    Chrome { main, footer, home, cta }
}

/// The category icons, in the order written.
pub(super) fn icons(
    raw: std::collections::BTreeMap<toml::Spanned<String>, RawCategory>,
    text: &str,
) -> Vec<CategoryIcon> {
    raw.into_iter()
        .map(|(slug, c)| CategoryIcon {
            slug: slug.into_inner(),
            at: crate::diagnostics::line_col(text, c.icon.span().start),
            icon: c.icon.into_inner(),
            html: String::new(),
        })
        .collect()
}

/// Checks a link address: a path on the host (`/about/`), an `http(s)` URL, `mailto:` or `tel:`. Returns
/// whether it leads to another site.
fn check_url(
    url: &toml::Spanned<String>,
    base: Option<&crate::types::BaseUrl>,
    at: At<'_>,
    problems: &mut Vec<Diagnostic>,
) -> bool {
    let text = url.get_ref();
    let lower = text.to_ascii_lowercase();
    let absolute = lower.starts_with("https://") || lower.starts_with("http://");
    let fine = !text.chars().any(|c| c.is_whitespace() || c.is_control())
        && ((text.starts_with('/') && !text.starts_with("//"))
            || (absolute && text.len() > lower.find("//").unwrap_or(0) + 2)
            || lower.starts_with("mailto:")
            || lower.starts_with("tel:"));
    if !fine {
        problems.push(at(
            url.span(),
            format!("`{text}` is not a link address glossgen can use"),
            "write a path on the site such as `/en/about/`, or a full `https://` address",
        ));
        return false;
    }
    absolute && base.is_none_or(|b| !lower.starts_with(&b.as_str().to_ascii_lowercase()))
}

/// Unknown settings inside a language's `menu` and `cta`, each at its place; `within` is ` in [languages.<code>`.
pub(super) fn unknown_in_language(
    key: &str,
    value: &toml::de::DeValue<'_>,
    within: &str,
    unknown: Unknown<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    fn tables<'v, 'de>(
        value: &'v toml::de::DeValue<'de>,
        known: &[&str],
        within: &str,
        unknown: Unknown<'_>,
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<&'v toml::de::DeTable<'de>> {
        use toml::de::DeValue;
        let each: Vec<&toml::de::DeTable<'de>> = match value {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|i| match i.get_ref() {
                    DeValue::Table(t) => Some(t),
                    _ => None,
                })
                .collect(),
            DeValue::Table(t) => vec![t],
            _ => Vec::new(),
        };
        for table in &each {
            problems
                .extend(table.keys().filter(|k| !known.contains(&&**k.get_ref())).map(|k| unknown(k, known, within)));
        }
        each
    }
    match key {
        "menu" => {
            let Some(menu) = tables(value, MENU_KEYS, &format!("{within}.menu]"), unknown, problems).first().copied()
            else {
                return;
            };
            if let Some(main) = menu.get("main") {
                tables(main.get_ref(), ITEM_KEYS, &format!("{within}.menu.main]"), unknown, problems);
            }
            if let Some(footer) = menu.get("footer") {
                for column in
                    tables(footer.get_ref(), COLUMN_KEYS, &format!("{within}.menu.footer]"), unknown, problems)
                {
                    if let Some(links) = column.get("links") {
                        tables(links.get_ref(), ITEM_KEYS, &format!("{within}.menu.footer.links]"), unknown, problems);
                    }
                }
            }
        }
        "cta" => {
            tables(value, CTA_KEYS, &format!("{within}.cta]"), unknown, problems);
        }
        _ => {}
    }
}

/// Unknown settings of a `[categories.<slug>]` table.
pub(super) fn unknown_in_categories(
    value: &toml::de::DeValue<'_>,
    unknown: Unknown<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    let toml::de::DeValue::Table(categories) = value else { return };
    for (slug, settings) in categories {
        if let toml::de::DeValue::Table(settings) = settings.get_ref() {
            let within = format!(" in [categories.{}]", &**slug.get_ref());
            let keys = settings.keys().filter(|k| !CATEGORY_KEYS.contains(&&**k.get_ref()));
            problems.extend(keys.map(|k| unknown(k, CATEGORY_KEYS, &within)));
        }
    }
}
