//! The rules of `glossgen check`, by their stable codes: what each finds, why it matters, how to fix it, and
//! how loud it is unless the site says otherwise. `[check]` in `site.toml` and `check_allow` in an entry's
//! front-matter name these codes; `glossgen check --explain CODE` prints one.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Severity};

/// How a finding of a rule is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Not reported.
    Allow,
    /// A warning: `check` passes unless `--strict`.
    Warn,
    /// An error: `check` fails.
    Deny,
    /// A mistake the site cannot be built with: always an error, whatever the settings.
    Fixed,
}

/// One rule.
#[derive(Debug)]
pub struct Rule {
    /// The stable code findings carry.
    pub code: &'static str,
    /// Its level unless `[check]` changes it.
    pub default: Level,
    /// What it finds, in a line.
    pub finds: &'static str,
    /// Why it matters, and what to do about it.
    pub explanation: &'static str,
}

/// Every rule, in the order the README lists them.
pub const RULES: &[Rule] = &[
    Rule {
        code: "alias-ambiguous",
        default: Level::Warn,
        finds: "one alias claimed by two concepts of a language",
        explanation: "A mention of the alias could mean either concept, so it is not linked, and a wiki link \
            by it is an error. Keep the alias on the concept readers mean by it and remove it from the other.",
    },
    Rule {
        code: "alias-shadowed",
        default: Level::Warn,
        finds: "an alias equal to another concept's title",
        explanation: "The title wins: links and mentions of that name lead to the other concept, so the alias \
            does nothing. Remove the alias, or allow the rule for this entry with `check_allow: \
            [alias-shadowed]` if the overlap is deliberate.",
    },
    Rule {
        code: "alias-no-address",
        default: Level::Warn,
        finds: "an alias whose address is taken, so it gets no redirect",
        explanation: "Each alias gets a redirect page at its own address unless an entry or another alias is \
            already there. Readers typing that address reach the other page. Rename or remove the alias, or \
            allow the rule for this entry.",
    },
    Rule {
        code: "missing-translation",
        default: Level::Warn,
        finds: "a concept that has no entry in a language",
        explanation: "Readers of that language meet the concept only through links that fall back to another \
            language. Write the entry (`glossgen new ID --lang CODE`); `glossgen translations` lists what to \
            translate first. A site whose second language follows slowly can allow the rule.",
    },
    Rule {
        code: "related-not-reciprocated",
        default: Level::Allow,
        finds: "A lists B as related, B does not list A (off unless turned on)",
        explanation: "`related` is a reading list chosen per entry: a broad concept lists the narrow ones it \
            leads to, and those need not list it back, so the rule is off by default. A glossary that keeps \
            its related lists symmetric turns it on with `warn = [\"related-not-reciprocated\"]` (or `deny`) \
            under `[check]`, then adds the missing id to the other entry's `related` (the editor's code \
            action does it).",
    },
    Rule {
        code: "orphan",
        default: Level::Warn,
        finds: "no entry links to this one",
        explanation: "Readers find the entry only through the index, search or its category. Link to it from \
            an entry that uses the concept, or list it in a `related`.",
    },
    Rule {
        code: "duplicate-source",
        default: Level::Warn,
        finds: "the same source URL twice in one entry",
        explanation: "The entry's sources list the same address twice. Remove the repeat.",
    },
    Rule {
        code: "long-summary",
        default: Level::Warn,
        finds: "a summary over 200 characters",
        explanation: "Summaries show in listings, link previews and search results, where more than one line \
            is cut. Shorten it and move the rest into the body.",
    },
    Rule {
        code: "broken-link",
        default: Level::Fixed,
        finds: "a link or `#anchor` in the built site that leads nowhere",
        explanation: "A page of the built site links to a page, file or section that does not exist. Fix the \
            link in the entry or template the message names.",
    },
    Rule {
        code: "near-duplicate-title",
        default: Level::Warn,
        finds: "two titles that differ only in case, punctuation or one letter",
        explanation: "Two entries of a language look like the same concept written twice. Merge them (`glossgen \
            mv` keeps the old address), or allow the rule for one of them if they truly differ.",
    },
    Rule {
        code: "translation-outdated",
        default: Level::Warn,
        finds: "the source entry changed since the translation was stamped",
        explanation: "The entry it was translated from changed afterwards. Bring the translation up to date, \
            then stamp it (`glossgen translations --stamp FILE`).",
    },
    Rule {
        code: "translation-unstamped",
        default: Level::Warn,
        finds: "a translation without `translated_from`",
        explanation: "Without a stamp glossgen cannot tell when the source changes. Check the translation and \
            stamp it (`glossgen translations --stamp FILE`).",
    },
    Rule {
        code: "moved-without-redirect",
        default: Level::Warn,
        finds: "an address of the previous output's sitemap that the site no longer has",
        explanation: "A page was published there before, and links to it from elsewhere now break. Rename \
            concepts with `glossgen mv`, which keeps the old address as a redirect, or add an alias.",
    },
    Rule {
        code: "translation-no-source",
        default: Level::Warn,
        finds: "a translation whose concept has no entry in the source language",
        explanation: "The entry exists only in a language translations are made into. Write the source entry, \
            or allow the rule if the concept belongs to that language alone.",
    },
    Rule {
        code: "tag-singleton",
        default: Level::Warn,
        finds: "a tag only one entry of its language has",
        explanation: "A tag gathers entries on one page; a tag with one entry gathers nothing. Give it to the \
            other entries it fits, or leave it out.",
    },
    Rule {
        code: "tag-near-duplicate",
        default: Level::Warn,
        finds: "a tag spelled differently (case, diacritics) by the entries that have it",
        explanation: "The entries share one tag page, shown under one spelling; the others look like \
            mistakes. Write the tag the same way everywhere.",
    },
    Rule {
        code: "placeholder-text",
        default: Level::Warn,
        finds: "the placeholder summary of `glossgen new`, or a section with nothing in it",
        explanation: "The entry still holds what `glossgen new` wrote to be replaced: readers would see the \
            placeholder, or a heading with nothing under it. Write the summary and the sections, or remove a \
            heading the entry does not need.",
    },
    Rule {
        code: "untranslated-link",
        default: Level::Warn,
        finds: "a link or related entry to a concept the page's language lacks",
        explanation: "The link leads readers to another language (marked with a badge). Translate the target \
            concept; `glossgen translations` counts how many pages link to each missing one.",
    },
    Rule {
        code: "label-clash",
        default: Level::Warn,
        finds: "an alias written like the title or like another alias of the entry",
        explanation: "A termbase holds each name of a concept once per language: SKOS forbids a label that is \
            both preferred and alternative, and TBX has one term section per name. The exports leave the \
            repeat out. Remove it from `aliases`.",
    },
    Rule {
        code: "deprecated-term",
        default: Level::Warn,
        finds: "a body that uses a deprecated or obsolete name of another concept",
        explanation: "The glossary marks the name as one to avoid (`status: deprecated` or `obsolete` on the \
            alias): readers reach the concept by it, but the text should teach the preferred name. Write the \
            concept's title instead, which the hint names. An entry may mention its own old names.",
    },
    Rule {
        code: "stem-collision",
        default: Level::Warn,
        finds: "names of two concepts with the same word stems",
        explanation: "Mentions are also found in inflected forms (\"modellen\" for \"model\"), by the Snowball \
            stem of each word. When two concepts have names with the same stems, an inflected mention could \
            mean either, so it is linked to neither (or to the one whose title it is). Mentions written \
            exactly still link. Rename one of the names, or link the other forms by hand with `[[…]]`.",
    },
    Rule {
        code: "foreign-shortcode",
        default: Level::Warn,
        finds: "a Hugo shortcode (`{{< … >}}`, `{{% … %}}`) in a body",
        explanation: "glossgen does not run Hugo's shortcodes, so readers would see the shortcode as text. \
            Rewrite it the glossgen way, which the hint names: `{% note() %}…{% end %}` for a callout, \
            `{{ figure(src=\"…\", alt=\"…\") }}` for an image, `[text](@/<id>.md)` for a link to a concept.",
    },
];

/// The rule with this code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// The closest known code to a mistyped one, for hints.
pub fn closest(code: &str) -> Option<&'static str> {
    crate::diagnostics::closest(code, RULES.iter().map(|r| r.code))
}

/// What `check --explain` prints for a rule.
pub fn explain(rule: &Rule) -> String {
    let level = match rule.default {
        Level::Allow => "off unless turned on under [check]",
        Level::Warn => "a warning",
        Level::Deny => "an error",
        Level::Fixed => "an error that stops the build; it cannot be allowed",
    };
    format!("{}: {}\n\nBy default: {level}.\n\n{}\n", rule.code, rule.finds, rule.explanation)
}

/// The level of each rule on one site: the defaults, changed by `[check]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Levels {
    changed: HashMap<&'static str, Level>,
}

impl Levels {
    /// Sets the level of the rule `code` (a known code whose default is not [`Level::Fixed`]).
    pub fn set(&mut self, code: &'static str, level: Level) {
        self.changed.insert(code, level);
    }

    /// The level of the rule `code` on this site.
    pub fn of(&self, code: &str) -> Level {
        self.changed.get(code).copied().or_else(|| rule(code).map(|r| r.default)).unwrap_or(Level::Warn)
    }

    /// `findings` as this site wants them: allowed rules left out (site-wide, or for the entry the finding
    /// is in, by its `check_allow`), denied ones made errors. Findings without a code are build errors
    /// and pass unchanged.
    pub fn apply<'a>(
        &self,
        findings: Vec<Diagnostic>,
        allowed_in: impl Fn(&Path) -> Option<&'a [String]>,
    ) -> Vec<Diagnostic> {
        findings
            .into_iter()
            .filter(|finding| self.reported(finding, &allowed_in))
            .map(|mut finding| {
                if finding.code.is_some_and(|code| self.of(code) == Level::Deny) {
                    finding.severity = Severity::Error;
                }
                finding
            })
            .collect()
    }

    /// Whether `finding` is reported at all (its rule not allowed, site-wide or for its entry).
    pub fn reported<'a>(&self, finding: &Diagnostic, allowed_in: impl Fn(&Path) -> Option<&'a [String]>) -> bool {
        let Some(code) = finding.code else { return true };
        match self.of(code) {
            Level::Fixed => true,
            Level::Allow => false,
            _ => !allowed_in(&finding.path).is_some_and(|codes| codes.iter().any(|c| c == code)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_allow_deny_and_excuse_per_entry() {
        let mut levels = Levels::default();
        levels.set("orphan", Level::Deny);
        levels.set("long-summary", Level::Allow);
        let found = vec![
            Diagnostic::warning("content/en/a.md", "nothing links to `a`").code("orphan"),
            Diagnostic::warning("content/en/b.md", "nothing links to `b`").code("orphan"),
            Diagnostic::warning("content/en/a.md", "too long").code("long-summary"),
            Diagnostic::warning("content/en/a.md", "A lists B").code("related-not-reciprocated"),
            Diagnostic::warning("content/en/a.md", "no entry in nl").code("missing-translation"),
            Diagnostic::error("content/en/a.md", "a build error"),
        ];
        let excused = ["missing-translation".to_string()];
        let kept = levels.apply(found, |path| path.ends_with("a.md").then_some(&excused[..]));
        let shown: Vec<(&str, bool)> = kept.iter().map(|d| (d.message.as_str(), d.is_error())).collect();
        assert_eq!(shown, [("nothing links to `a`", true), ("nothing links to `b`", true), ("a build error", true)]);
    }

    #[test]
    fn every_rule_explains_itself_and_codes_are_unique() {
        for rule in RULES {
            assert!(explain(rule).starts_with(rule.code));
            assert_eq!(RULES.iter().filter(|r| r.code == rule.code).count(), 1, "{}", rule.code);
        }
        assert_eq!(closest("orphen"), Some("orphan"));
    }
}
