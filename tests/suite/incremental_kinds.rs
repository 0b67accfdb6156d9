//! Every kind of edit an author makes to entries, in English and in Dutch, rebuilt incrementally and compared
//! with a full build (see `incremental_table.rs` for how a row runs). The kinds beyond entries are in
//! `incremental_site_kinds.rs`.

use glossgen::rebuild::Outcome;

use crate::incremental_table::{Change, Check, Kind, edit, remove, rename, run_all, write};

const EN_OSA: &str = "content/en/open-source-ai.md";
const EN_OW: &str = "content/en/open-weights-vs-open-source.md";
const EN_OF: &str = "content/en/overfitting.md";
const EN_DRAFT: &str = "content/en/secret-plan.md";
const EN_ZEBRA: &str = "content/en/zebra.md";
const NL_EEN: &str = "content/nl/een.md";
const NL_OSA: &str = "content/nl/open-source-ai.md";
const NL_OW: &str = "content/nl/open-weights-vs-open-source.md";
const NL_OF: &str = "content/nl/overfitting.md";

const ZEBRA_TITLE: &str = "title: Zebra Crossing Model";

/// An entry file with these front-matter lines and body.
fn entry(front_matter: &[&str], body: &str) -> String {
    format!("---\n{}\n---\n\n{body}\n", front_matter.join("\n"))
}

/// The English translation of the Dutch-only concept `een`.
fn en_een() -> String {
    entry(&["title: One", "summary: Now in English too.", "week: 2026-W01", "category: Foundations"], "In English.")
}

/// The Dutch translation of the English-only concept `zebra`.
fn nl_zebra() -> String {
    entry(&["title: Zebrapadmodel", "summary: Nu ook in het Nederlands.", "category: Grondslagen"], "Ook hier.")
}

/// Gives the English-only concept `zebra` these aliases.
fn zebra_aliases(aliases: &str) -> Vec<Change> {
    vec![edit(EN_ZEBRA, ZEBRA_TITLE, &format!("{ZEBRA_TITLE}\naliases: [{aliases}]"))]
}

#[test]
fn english_content_edits_match_a_full_build() {
    use Check::*;
    run_all(vec![
        Kind::new("body text (en)")
            .step(vec![edit(EN_OF, "Too close a fit.", "Far too close a fit.")])
            .check(Changes("en/overfitting/index.html"))
            .check(Keeps("en/open-source-ai/"))
            .check(Keeps("en/zebra/"))
            .check(Keeps("nl/een-begrip/")),
        Kind::new("summary (en)")
            .step(vec![edit(EN_OF, "and does worse on new data", "and then fails on new data")])
            .check(Changes("en/index.html"))
            .check(Changes("en/open-weights-vs-open-source/index.html"))
            .check(Keeps("nl/een-begrip/")),
        Kind::new("summary markup only, the same plain text (en)")
            .step(vec![edit(EN_OF, "and does worse on new data", "and does *worse* on `new data`")])
            .check(Changes("en/index.html"))
            .check(Changes("en/open-weights-vs-open-source/index.html")),
        Kind::new("title, moving the entry alphabetically (en)")
            .step(vec![edit(EN_ZEBRA, ZEBRA_TITLE, "title: Abacus Model")])
            .check(Changes("en/open-source-ai/index.html"))
            .check(Changes("en/overfitting/index.html")),
        Kind::new("alias added (en)")
            .step(vec![edit(EN_OSA, "aliases: [open AI systems]", "aliases: [open AI systems, libre AI]")])
            .check(Exists("en/libre-ai/index.html")),
        Kind::new("alias removed (en)")
            .step(vec![edit(EN_OF, "aliases: [overtraining]", "aliases: []")])
            .check(Gone("en/overtraining/index.html")),
        Kind::new("slug changed (en)")
            .step(vec![edit(EN_OSA, "category: Open Source\n", "category: Open Source\nslug: open-ai-systems\n")])
            .check(Exists("en/open-ai-systems/index.html"))
            .check(Gone("en/open-source-ai/index.html")),
        Kind::new("category changed to a new one (en)")
            .step(vec![edit(EN_OF, "category: Foundations", "category: Statistics")])
            .check(Exists("en/categories/statistics/index.html")),
        Kind::new("category changed to an existing one, emptying the old one (en)")
            .step(vec![edit(EN_ZEBRA, "category: Foundations", "category: Open Source")])
            .step(vec![edit(EN_OF, "category: Foundations", "category: Open Source")])
            .check(Gone("en/categories/foundations/index.html")),
        Kind::new("category spelled differently (en)").step(vec![edit(
            EN_OF,
            "category: Foundations",
            "category: foundations",
        )]),
        Kind::new("difficulty changed (en)").step(vec![edit(EN_OF, "difficulty: beginner", "difficulty: advanced")]),
        Kind::new("difficulty added (en)").setup(vec![edit(EN_OF, "difficulty: beginner\n", "")]).step(vec![edit(
            EN_OF,
            "week: 2026-W06",
            "difficulty: intermediate\nweek: 2026-W06",
        )]),
        Kind::new("difficulty removed, emptying its level (en)")
            .step(vec![edit(EN_OW, "difficulty: intermediate\n", "")])
            .check(Gone("en/difficulty/intermediate/index.html")),
        Kind::new("week changed (en)")
            .step(vec![edit(EN_OF, "week: 2026-W06", "week: 2026-W10")])
            .check(Exists("en/weeks/2026-w10/index.html")),
        Kind::new("week added (en)").setup(vec![edit(EN_ZEBRA, "week: 2026-W53\n", "")]).step(vec![edit(
            EN_ZEBRA,
            "category: Foundations",
            "week: 2026-W20\ncategory: Foundations",
        )]),
        Kind::new("week removed, emptying its week (en)").step(vec![edit(EN_ZEBRA, "week: 2026-W53\n", "")]),
        Kind::new("related added (en)").step(vec![edit(EN_OF, "related: []", "related: [zebra]")]),
        Kind::new("related removed (en)").step(vec![edit(
            EN_OSA,
            "related: [open-weights-vs-open-source]",
            "related: []",
        )]),
        Kind::new("draft on (en)")
            .step(vec![edit(EN_ZEBRA, "difficulty: advanced\n", "difficulty: advanced\ndraft: true\n")])
            .check(Gone("en/zebra/index.html")),
        Kind::new("draft off (en)")
            .step(vec![edit(EN_DRAFT, "draft: true", "draft: false")])
            .check(Exists("en/secret-plan/index.html")),
        Kind::new("body link added (en)")
            .step(vec![edit(EN_ZEBRA, "Only in English.", "Only in English, unlike [overfitting](@/overfitting.md).")])
            .check(Changes("en/overfitting/index.html")),
        Kind::new("body link removed (en)").step(vec![edit(
            EN_OW,
            "Models trained badly can show [overfitting](@/overfitting#what-is-it).",
            "Models trained badly can show it.",
        )]),
        Kind::new("wiki link added (en)")
            .step(vec![edit(EN_OF, "Too close a fit.", "Too close a fit, unlike [[Zebra Crossing Model]].")])
            .check(Changes("en/zebra/index.html")),
        Kind::new("autolink: false toggled (en)")
            .setup(vec![edit(EN_ZEBRA, "Only in English.", "Only in English, and prone to overfitting.")])
            .step(vec![edit(EN_ZEBRA, "category: Foundations\n", "category: Foundations\nautolink: false\n")])
            .step(vec![edit(EN_ZEBRA, "autolink: false\n", "")]),
        Kind::new("source title changed (en)")
            .step(vec![edit(EN_OF, "Deep Learning, chapter 5", "Deep Learning, chapter five")])
            .check(Changes("en/overfitting/index.html"))
            .check(Keeps("en/index.html")),
        Kind::new("source added (en)").step(vec![edit(
            EN_OF,
            "related: []",
            "  - title: \"Another source\"\n    url: https://example.org/another\nrelated: []",
        )]),
        Kind::new("updated: date changed (en)")
            .setup(vec![edit(EN_OF, "week: 2026-W06\n", "week: 2026-W06\nupdated: 2026-03-01\n")])
            .step(vec![edit(EN_OF, "updated: 2026-03-01", "updated: 2027-01-15")]),
        Kind::new("updated: date added (en)").step(vec![edit(
            EN_OSA,
            "week: 2026-W18\n",
            "week: 2026-W18\nupdated: 2026-06-01\n",
        )]),
        Kind::new("file added (en)")
            .step(vec![write(
                "content/en/neural-net.md",
                &entry(
                    &["title: Neural Net", "summary: A new entry.", "category: Foundations", "related: [overfitting]"],
                    "It can suffer from overfitting; see [[Zebra Crossing Model]] and [this](@/open-source-ai.md).",
                ),
            )])
            .check(Exists("en/neural-net/index.html")),
        Kind::new("file deleted (en)").step(vec![remove(EN_ZEBRA)]).check(Gone("en/zebra/index.html")),
        Kind::new("file renamed, changing the id (en)")
            .step(vec![rename(EN_ZEBRA, "content/en/zebra-model.md")])
            .check(Exists("en/zebra-model/index.html"))
            .check(Gone("en/zebra/index.html")),
        Kind::new("translation added (en)")
            .step(vec![write("content/en/een.md", &en_een())])
            .check(Exists("en/een/index.html"))
            .check(Changes("nl/een-begrip/index.html")),
        Kind::new("translation removed (en)")
            .setup(vec![write("content/en/een.md", &en_een())])
            .step(vec![remove("content/en/een.md")])
            .check(Gone("en/een/index.html")),
        Kind::new("several files saved in one batch (en)").step(vec![
            edit(EN_OF, "Too close a fit.", "Far too close a fit."),
            edit(EN_ZEBRA, "Only in English.", "Still only in English."),
            edit(EN_OSA, "under an open licence", "under a free licence"),
        ]),
        Kind::new("a file renamed and the files linking to it, in one batch (en)").step(vec![
            rename(EN_OF, "content/en/over-fitting.md"),
            edit(EN_OW, "(@/overfitting#what-is-it)", "(@/over-fitting#what-is-it)"),
            edit(EN_OW, "related: [open-source-ai, overfitting]", "related: [open-source-ai, over-fitting]"),
        ]),
        Kind::new("title moves the entry first in a category spelled two ways (en)")
            .setup(vec![
                write(
                    "content/en/bias.md",
                    &entry(&["title: Bias", "summary: An error.", "category: Foundations"], "B."),
                ),
                write(
                    "content/en/gradient.md",
                    &entry(&["title: Gradient", "summary: Up.", "category: Foundations"], "G."),
                ),
                edit(EN_ZEBRA, "category: Foundations", "category: foundations"),
            ])
            .step(vec![edit(EN_ZEBRA, ZEBRA_TITLE, "title: Aardvark Model")]),
        Kind::new("file added whose title another body mentions (en)")
            .step(vec![write("content/en/fit.md", &entry(&["title: Fit", "summary: How well it matches."], "Fit."))])
            .check(Changes("en/overfitting/index.html")),
        Kind::new("file deleted whose title another body mentions (en)")
            .setup(vec![write("content/en/fit.md", &entry(&["title: Fit", "summary: How well it matches."], "Fit."))])
            .step(vec![remove("content/en/fit.md")])
            .check(Changes("en/overfitting/index.html")),
        Kind::new("alias shared with another entry, then the entry sorts before it (en)")
            .step(zebra_aliases("overtraining"))
            .step(vec![edit(EN_ZEBRA, ZEBRA_TITLE, "title: Aardvark Model")]),
        Kind::new("alias equal to another entry's title (en)").step(zebra_aliases("Overfitting")),
        Kind::new("alias whose address another entry has (en)")
            .step(zebra_aliases("Open-Source AI"))
            .check(Exists("en/open-source-ai/index.html")),
        Kind::new("alias whose address is reserved (en)").step(vec![edit(
            EN_OF,
            "aliases: [overtraining]",
            "aliases: [overtraining, Categories]",
        )]),
        Kind::new("title equal to another entry's title (en)")
            .step(vec![edit(EN_OSA, "title: Open-Source AI", "title: Overfitting")])
            .step(vec![edit(EN_OSA, "title: Overfitting", "title: overfitting")]),
        Kind::new("file that is not an entry added to content/ (en)")
            .step(vec![write("content/en/notes.txt", "Not an entry.")])
            .check(Reports(Outcome::Unchanged)),
        Kind::new("title renamed to a word another body has in plural and capitals, and back (en)")
            .setup(vec![edit(EN_OSA, "The full sense of openness.", "The full sense of openness, unlike CROSSWALKS.")])
            .step(vec![edit(EN_ZEBRA, ZEBRA_TITLE, "title: Crosswalk")])
            .check(Changes("en/open-source-ai/index.html"))
            .step(vec![edit(EN_ZEBRA, "title: Crosswalk", "title: Zebra Crossing Model")])
            .check(Changes("en/open-source-ai/index.html")),
        Kind::new("title and category changed in one save, to a word another body has (en)")
            .setup(vec![edit(EN_OSA, "The full sense of openness.", "The full sense of openness, unlike CROSSWALKS.")])
            .step(vec![
                edit(EN_ZEBRA, ZEBRA_TITLE, "title: Crosswalk"),
                edit(EN_ZEBRA, "category: Foundations", "category: Roads"),
            ])
            .check(Changes("en/open-source-ai/index.html")),
        Kind::new("body of a draft edited (en)")
            .step(vec![edit(EN_DRAFT, "Not yet.", "Still not.")])
            .check(Reports(Outcome::Unchanged)),
        Kind::new("related reordered (en)").step(vec![edit(
            EN_OW,
            "related: [open-source-ai, overfitting]",
            "related: [overfitting, open-source-ai]",
        )]),
        Kind::new("aliases reordered (en)").step(vec![edit(
            EN_OW,
            "aliases: [open weights, OSAID]",
            "aliases: [OSAID, open weights]",
        )]),
        Kind::new("line endings changed to CRLF (en)").step(vec![edit(EN_OW, "\n", "\r\n")]),
        Kind::new("saved without a change (en)")
            .step(vec![edit(EN_OF, "Too close a fit.", "Too close a fit.")])
            .check(Reports(Outcome::Unchanged)),
    ]);
}

#[test]
fn dutch_content_edits_match_a_full_build() {
    use Check::*;
    run_all(vec![
        Kind::new("body text (nl)")
            .step(vec![edit(NL_OF, "Te nauwe aanpassing.", "Een veel te nauwe aanpassing.")])
            .check(Changes("nl/overfitting/index.html"))
            .check(Keeps("nl/een-begrip/"))
            .check(Keeps("en/zebra/")),
        Kind::new("summary (nl)")
            .step(vec![edit(NL_OF, "uit het hoofd leert.", "van buiten leert.")])
            .check(Changes("nl/index.html"))
            .check(Changes("nl/open-weights-vs-open-source/index.html"))
            .check(Keeps("en/zebra/")),
        Kind::new("summary markup only, the same plain text (nl)")
            .step(vec![edit(NL_OF, "uit het hoofd leert.", "*uit het hoofd* leert.")])
            .check(Changes("nl/index.html"))
            .check(Changes("nl/open-weights-vs-open-source/index.html")),
        Kind::new("title, moving the entry alphabetically (nl)")
            .step(vec![edit(NL_EEN, "title: Ēen", "title: Zwaan")])
            .check(Changes("nl/open-source-ai/index.html"))
            .check(Changes("nl/overfitting/index.html")),
        Kind::new("alias added (nl)")
            .step(vec![edit(NL_OF, "aliases: [overaanpassing]", "aliases: [overaanpassing, overleren]")])
            .check(Exists("nl/overleren/index.html")),
        Kind::new("alias removed (nl)")
            .step(vec![edit(NL_OW, "aliases: [open gewichten]\n", "")])
            .check(Gone("nl/open-gewichten/index.html")),
        Kind::new("slug changed (nl)")
            .step(vec![edit(NL_OF, "slug: overfitting", "slug: overaanpassen")])
            .check(Exists("nl/overaanpassen/index.html"))
            .check(Gone("nl/overfitting/index.html")),
        Kind::new("category changed to a new one (nl)")
            .step(vec![edit(NL_EEN, "category: Grondslagen", "category: Statistiek")])
            .check(Exists("nl/categories/statistiek/index.html")),
        Kind::new("category changed to an existing one, emptying the old one (nl)")
            .step(vec![edit(NL_OF, "category: Grondslagen", "category: Open source")])
            .step(vec![edit(NL_EEN, "category: Grondslagen", "category: Open source")])
            .check(Gone("nl/categories/grondslagen/index.html")),
        Kind::new("category spelled differently (nl)").step(vec![edit(
            NL_OSA,
            "category: Open source",
            "category: Open Source",
        )]),
        Kind::new("difficulty changed (nl)").step(vec![edit(
            NL_OSA,
            "difficulty: beginner",
            "difficulty: intermediate",
        )]),
        Kind::new("difficulty added (nl)").setup(vec![edit(NL_EEN, "difficulty: beginner\n", "")]).step(vec![edit(
            NL_EEN,
            "week: 2026-W01",
            "difficulty: advanced\nweek: 2026-W01",
        )]),
        Kind::new("difficulty removed, emptying its level (nl)")
            .step(vec![edit(NL_OW, "difficulty: intermediate\n", "")])
            .check(Gone("nl/difficulty/intermediate/index.html")),
        Kind::new("week changed to an existing week (nl)").step(vec![edit(NL_EEN, "week: 2026-W01", "week: 2026-W17")]),
        Kind::new("week added (nl)").setup(vec![edit(NL_OF, "week: 2026-W06\n", "")]).step(vec![edit(
            NL_OF,
            "category: Grondslagen",
            "week: 2026-W30\ncategory: Grondslagen",
        )]),
        Kind::new("week removed, emptying its week (nl)").step(vec![edit(NL_EEN, "week: 2026-W01\n", "")]),
        Kind::new("related added (nl)").step(vec![edit(
            NL_OF,
            "slug: overfitting\n",
            "slug: overfitting\nrelated: [open-source-ai]\n",
        )]),
        Kind::new("related removed (nl)").step(vec![edit(
            NL_OW,
            "related: [open-source-ai, overfitting]",
            "related: [overfitting]",
        )]),
        Kind::new("draft on (nl)")
            .step(vec![edit(NL_EEN, "slug: Ēen-begrip\n", "slug: Ēen-begrip\ndraft: true\n")])
            .check(Gone("nl/een-begrip/index.html")),
        Kind::new("draft off (nl)")
            .setup(vec![edit(NL_EEN, "slug: Ēen-begrip\n", "slug: Ēen-begrip\ndraft: true\n")])
            .step(vec![edit(NL_EEN, "draft: true\n", "")])
            .check(Exists("nl/een-begrip/index.html")),
        Kind::new("body link added (nl)")
            .step(vec![edit(
                NL_EEN,
                "Alleen in het Nederlands.",
                "Alleen in het Nederlands, anders dan [overfitting](@/overfitting.md).",
            )])
            .check(Changes("nl/overfitting/index.html")),
        Kind::new("body link removed (nl)").step(vec![edit(
            NL_OW,
            "[open-source-AI](@/open-source-ai.md)",
            "open code",
        )]),
        Kind::new("wiki link added (nl)")
            .step(vec![edit(NL_OF, "Te nauwe aanpassing.", "Te nauwe aanpassing, anders dan [[Ēen]].")])
            .check(Changes("nl/een-begrip/index.html")),
        Kind::new("autolink: false toggled (nl)")
            .setup(vec![edit(NL_EEN, "Alleen in het Nederlands.", "Alleen in het Nederlands, net als overfitting.")])
            .step(vec![edit(NL_EEN, "slug: Ēen-begrip\n", "slug: Ēen-begrip\nautolink: false\n")])
            .step(vec![edit(NL_EEN, "autolink: false\n", "")]),
        Kind::new("source title changed (nl)")
            .step(vec![edit(NL_OW, "title: \"The Open Source AI Definition\"", "title: \"De definitie\"")])
            .check(Changes("nl/open-weights-vs-open-source/index.html"))
            .check(Keeps("nl/index.html")),
        Kind::new("source added (nl)").step(vec![edit(
            NL_OF,
            "slug: overfitting\n",
            "slug: overfitting\nsources:\n  - title: \"Een bron\"\n    url: https://example.org/bron\n",
        )]),
        Kind::new("updated: date changed (nl)")
            .setup(vec![edit(NL_OSA, "week: 2026-W18\n", "week: 2026-W18\nupdated: 2026-05-01\n")])
            .step(vec![edit(NL_OSA, "updated: 2026-05-01", "updated: 2027-02-01")]),
        Kind::new("updated: date added (nl)").step(vec![edit(
            NL_EEN,
            "week: 2026-W01\n",
            "week: 2026-W01\nupdated: 2026-01-20\n",
        )]),
        Kind::new("file added (nl)")
            .step(vec![write(
                "content/nl/neuraal-netwerk.md",
                &entry(
                    &["title: Neuraal netwerk", "summary: Nieuw.", "category: Grondslagen", "related: [overfitting]"],
                    "Het kan last hebben van overfitting; zie [[Ēen]] en [dit](@/open-source-ai.md).",
                ),
            )])
            .check(Exists("nl/neuraal-netwerk/index.html")),
        Kind::new("file deleted (nl)").step(vec![remove(NL_EEN)]).check(Gone("nl/een-begrip/index.html")),
        Kind::new("file renamed, changing the id but not the slug (nl)")
            .step(vec![rename(NL_EEN, "content/nl/eentje.md")])
            .check(Exists("nl/een-begrip/index.html")),
        Kind::new("translation added (nl)")
            .step(vec![write("content/nl/zebra.md", &nl_zebra())])
            .check(Exists("nl/zebra/index.html"))
            .check(Changes("en/zebra/index.html")),
        Kind::new("translation removed (nl)")
            .setup(vec![write("content/nl/zebra.md", &nl_zebra())])
            .step(vec![remove("content/nl/zebra.md")])
            .check(Gone("nl/zebra/index.html")),
        Kind::new("several files saved in one batch (nl)").step(vec![
            edit(NL_OF, "Te nauwe aanpassing.", "Een veel te nauwe aanpassing."),
            edit(NL_EEN, "Alleen in het Nederlands.", "Nog steeds alleen in het Nederlands."),
            edit(NL_OSA, "onder een open licentie", "onder een vrije licentie"),
        ]),
        Kind::new("a title and a wiki link to the new title, in one batch (nl)").step(vec![
            edit(NL_EEN, "title: Ēen", "title: Zwaan"),
            edit(NL_OF, "Te nauwe aanpassing.", "Te nauwe aanpassing, anders dan [[Zwaan]]."),
        ]),
        Kind::new("title moves the entry first in a category spelled two ways (nl)")
            .setup(vec![
                write(
                    "content/nl/kern.md",
                    &entry(&["title: Kern", "summary: Het midden.", "category: Grondslagen"], "K."),
                ),
                edit(NL_OF, "category: Grondslagen", "category: grondslagen"),
            ])
            .step(vec![edit(NL_OF, "title: Overfitting", "title: Aap")]),
        Kind::new("file added whose title another body mentions (nl)")
            .step(vec![write("content/nl/aanpassing.md", &entry(&["title: Aanpassing", "summary: Anders."], "A."))])
            .check(Changes("nl/overfitting/index.html")),
        Kind::new("file deleted whose title another body mentions (nl)")
            .setup(vec![write("content/nl/aanpassing.md", &entry(&["title: Aanpassing", "summary: Anders."], "A."))])
            .step(vec![remove("content/nl/aanpassing.md")])
            .check(Changes("nl/overfitting/index.html")),
        Kind::new("alias shared with another entry, then the entry sorts before it (nl)")
            .step(vec![edit(NL_OW, "aliases: [open gewichten]", "aliases: [open gewichten, overaanpassing]")])
            .step(vec![edit(NL_OW, "title: Open weights versus", "title: Gewichten versus")]),
        Kind::new("alias equal to another entry's title (nl)").step(vec![edit(
            NL_EEN,
            "title: Ēen",
            "title: Ēen\naliases: [Overfitting]",
        )]),
        Kind::new("alias whose address is reserved (nl)").step(vec![edit(
            NL_OF,
            "aliases: [overaanpassing]",
            "aliases: [overaanpassing, Weeks]",
        )]),
        Kind::new("title equal to another entry's title (nl)")
            .step(vec![edit(NL_EEN, "title: Ēen", "title: Overfitting")])
            .step(vec![edit(NL_EEN, "title: Overfitting", "title: Ōverfitting")]),
        Kind::new("entry in a subfolder, which is not read, added (nl)")
            .step(vec![write("content/nl/sub/genest.md", "---\ntitle: Genest\nsummary: Niet gelezen.\n---\n")])
            .check(Reports(Outcome::Unchanged)),
        Kind::new("title renamed to a word another body has with an accent, and back (nl)")
            .setup(vec![edit(NL_OSA, "in de volle betekenis.", "in de volle betekenis, zoals in een café.")])
            .step(vec![edit(NL_EEN, "title: Ēen", "title: Cafe")])
            .step(vec![edit(NL_EEN, "title: Cafe", "title: Ēen")]),
        Kind::new("title renamed to a word another body has in plural and capitals, and back (nl)")
            .setup(vec![edit(NL_OSA, "in de volle betekenis.", "in de volle betekenis, zoals MODELLEN.")])
            .step(vec![edit(NL_EEN, "title: Ēen", "title: Model")])
            .check(Changes("nl/open-source-ai/index.html"))
            .step(vec![edit(NL_EEN, "title: Model", "title: Ēen")])
            .check(Changes("nl/open-source-ai/index.html")),
        Kind::new("a byte order mark added (nl)").step(vec![edit(NL_OF, "---\ntitle", "\u{feff}---\ntitle")]),
        Kind::new("blank lines added around the body (nl)")
            .step(vec![edit(NL_OF, "\n---\n", "\n---\n\n\n"), edit(NL_OF, "aanpassing.", "aanpassing.\n\n\n")]),
        Kind::new("saved without a change (nl)")
            .step(vec![edit(NL_OF, "Te nauwe aanpassing.", "Te nauwe aanpassing.")])
            .check(Reports(Outcome::Unchanged)),
    ]);
}

/// Dutch links to `zebra` (English only) and `overfitting`, in the body and in `related`; the Dutch home
/// lists untranslated concepts.
fn dutch_links_to_fall_back() -> Vec<Change> {
    vec![
        edit(
            NL_OW,
            "Gewichten zijn niet hetzelfde als [open-source-AI](@/open-source-ai.md).",
            "Gewichten zijn niet hetzelfde als [open-source-AI](@/open-source-ai.md). Vergelijk [het streepjesmodel](@/zebra.md) en [overfitting](@/overfitting.md).",
        ),
        edit(NL_OW, "related: [open-source-ai, overfitting]", "related: [open-source-ai, overfitting, zebra]"),
        edit("site.toml", "title = \"AI Woordenboek\"", "title = \"AI Woordenboek\"\nlist_untranslated = true"),
    ]
}

#[test]
fn links_that_fall_back_to_another_language_match_a_full_build() {
    use Check::*;
    let nl_overfitting =
        std::fs::read_to_string(crate::common::fixtures().join("valid").join(NL_OF)).expect("the fixture");
    run_all(vec![
        Kind::new("a Dutch translation removed: Dutch links fall back to English; then it returns")
            .setup(dutch_links_to_fall_back())
            .step(vec![remove(NL_OF)])
            .check(Changes("nl/open-weights-vs-open-source/index.html"))
            .check(Changes("nl/index.html"))
            .check(Gone("nl/overfitting/index.html"))
            .step(vec![write(NL_OF, &nl_overfitting)])
            .check(Changes("nl/open-weights-vs-open-source/index.html"))
            .check(Changes("nl/index.html")),
        Kind::new("the English entry a Dutch link falls back to changes, then gets its Dutch translation")
            .setup(dutch_links_to_fall_back())
            .step(vec![edit(EN_ZEBRA, "summary: An entry that exists only in English.", "summary: Only English.")])
            .check(Changes("nl/open-weights-vs-open-source/index.html"))
            .check(Changes("nl/index.html"))
            // A Dutch title that no Dutch body mentions: only the links that fell back lead to it.
            .step(vec![write("content/nl/zebra.md", &nl_zebra().replace("Zebrapadmodel", "Oversteekmodel"))])
            .check(Changes("nl/open-weights-vs-open-source/index.html"))
            .check(Changes("nl/index.html"))
            .check(Changes("en/zebra/index.html"))
            .step(vec![remove("content/nl/zebra.md")])
            .check(Changes("nl/open-weights-vs-open-source/index.html")),
        Kind::new("a Dutch wiki link names an English-only concept by its English title; then it is translated")
            .setup(dutch_links_to_fall_back())
            .setup(vec![edit(NL_OF, "Te nauwe aanpassing.", "Te nauwe aanpassing, zoals bij [[Zebra Crossing Model]].")])
            .step(vec![write("content/nl/zebra.md", &nl_zebra().replace("Zebrapadmodel", "Oversteekmodel"))])
            .check(Changes("nl/overfitting/index.html")),
        Kind::new("an English alias a Dutch wiki link falls back to moves to another concept")
            .setup(vec![
                edit(EN_ZEBRA, ZEBRA_TITLE, &format!("{ZEBRA_TITLE}\naliases: [crossing]")),
                edit(NL_OW, "Gewichten zijn niet hetzelfde", "Zie [[crossing]]. Gewichten zijn niet hetzelfde"),
            ])
            .step(vec![
                edit(EN_ZEBRA, "aliases: [crossing]", "aliases: []"),
                edit(EN_OF, "aliases: [overtraining]", "aliases: [overtraining, crossing]"),
            ])
            .check(Changes("nl/open-weights-vs-open-source/index.html")),
        Kind::new("a Dutch summary links to an English-only concept, then to a Dutch one")
            .setup(dutch_links_to_fall_back())
            .step(vec![edit(
                NL_OF,
                "summary: Een model overfit als het de trainingsdata uit het hoofd leert.",
                "summary: Een model overfit als het de trainingsdata uit het hoofd leert, zie [[Zebra Crossing Model]].",
            )])
            .check(Changes("nl/index.html"))
            .check(Changes("nl/open-weights-vs-open-source/index.html"))
            .step(vec![edit(NL_OF, "zie [[Zebra Crossing Model]]", "zie [[open-source-AI]]")])
            .check(Changes("nl/index.html")),
    ]);
}
