//! A realistic bilingual glossary for benchmarks, written by `examples/gen_corpus.rs` and by the benchmarks
//! themselves.
//!
//! Every concept gets an English and a Dutch entry of about 750 words with `##` sections, lists, a table in
//! most entries (half of them 20-40 rows long), inline code, a fenced code block in 40%, `@/` links, mentions
//! of other concepts by name in most paragraphs, 2-5 related ids, 3-5 aliases, sources, a category and a
//! week. The same seed always gives the same files.

use std::fmt::Write as _;
use std::path::Path;

/// A small deterministic generator (xorshift64*), so the corpus needs no extra dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const EN_WORDS: &[&str] = &[
    "model",
    "data",
    "training",
    "network",
    "layer",
    "weights",
    "gradient",
    "token",
    "vector",
    "attention",
    "loss",
    "inference",
    "parameter",
    "dataset",
    "output",
    "input",
    "signal",
    "error",
    "feature",
    "sample",
    "batch",
    "learning",
    "rate",
    "update",
    "memory",
    "context",
    "prompt",
    "answer",
    "benchmark",
    "score",
    "result",
    "system",
    "method",
    "approach",
    "example",
    "practice",
    "researchers",
    "engineers",
    "users",
    "teams",
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "is",
    "that",
    "for",
    "with",
    "on",
    "as",
    "by",
    "this",
    "it",
    "from",
    "each",
    "every",
    "more",
    "less",
    "often",
    "usually",
    "quickly",
    "carefully",
    "large",
    "small",
    "new",
    "old",
];
const NL_WORDS: &[&str] = &[
    "model",
    "gegevens",
    "training",
    "netwerk",
    "laag",
    "gewichten",
    "gradiënt",
    "token",
    "vector",
    "aandacht",
    "verlies",
    "inferentie",
    "parameter",
    "dataset",
    "uitvoer",
    "invoer",
    "signaal",
    "fout",
    "kenmerk",
    "steekproef",
    "batch",
    "leren",
    "snelheid",
    "bijwerking",
    "geheugen",
    "context",
    "prompt",
    "antwoord",
    "benchmark",
    "score",
    "resultaat",
    "systeem",
    "methode",
    "aanpak",
    "voorbeeld",
    "praktijk",
    "onderzoekers",
    "ingenieurs",
    "gebruikers",
    "teams",
    "de",
    "het",
    "een",
    "van",
    "en",
    "naar",
    "in",
    "is",
    "dat",
    "voor",
    "met",
    "op",
    "als",
    "door",
    "dit",
    "uit",
    "elke",
    "meer",
    "minder",
    "vaak",
    "meestal",
    "snel",
    "zorgvuldig",
    "groot",
    "klein",
    "nieuw",
    "oud",
    "één",
    "financiële",
    "coördinatie",
    "ideeën",
    "categorieën",
];
const EN_CATEGORIES: &[&str] = &[
    "Foundations",
    "Architectures",
    "Language Models",
    "Training",
    "Retrieval and Agents",
    "Open Source",
    "Policy and Ethics",
    "Evaluation and Safety",
    "Infrastructure",
];
const NL_CATEGORIES: &[&str] = &[
    "Grondslagen",
    "Architecturen",
    "Taalmodellen",
    "Training",
    "Retrieval en agents",
    "Open source",
    "Beleid en ethiek",
    "Evaluatie en veiligheid",
    "Infrastructuur",
];
const STEMS: &[&str] = &[
    "neural",
    "sparse",
    "dense",
    "latent",
    "causal",
    "robust",
    "adaptive",
    "residual",
    "recurrent",
    "quantum",
    "federated",
    "contrastive",
    "generative",
    "bayesian",
    "stochastic",
    "spectral",
    "hybrid",
    "modular",
];
const NOUNS: &[&str] = &[
    "encoder",
    "decoder",
    "sampler",
    "router",
    "optimizer",
    "tokenizer",
    "retriever",
    "planner",
    "critic",
    "embedding",
    "kernel",
    "pipeline",
    "scheduler",
    "adapter",
    "classifier",
    "estimator",
    "transformer",
    "agent",
];

struct Lang {
    code: &'static str,
    words: &'static [&'static str],
    categories: &'static [&'static str],
    headings: [&'static str; 4],
    /// Words that introduce a mention of another concept.
    mention: &'static str,
}

const LANGS: [Lang; 2] = [
    Lang {
        code: "en",
        words: EN_WORDS,
        categories: EN_CATEGORIES,
        headings: ["What is {}?", "Why it matters", "How it works", "Example"],
        mention: "Compare this with the",
    },
    Lang {
        code: "nl",
        words: NL_WORDS,
        categories: NL_CATEGORIES,
        headings: ["Wat is {}?", "Waarom het ertoe doet", "Hoe het werkt", "Voorbeeld"],
        mention: "Vergelijk dit met de",
    },
];

fn title_of(index: usize, lang: &Lang) -> String {
    let stem = STEMS[index % STEMS.len()];
    let noun = NOUNS[(index / STEMS.len()) % NOUNS.len()];
    let n = index / (STEMS.len() * NOUNS.len());
    let base = match lang.code {
        "nl" => format!("{}e {}", stem, noun),
        _ => format!("{stem} {noun}"),
    };
    let mut t = if n == 0 { base } else { format!("{base} {n}") };
    if let Some(first) = t.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    t
}

fn sentence(rng: &mut Rng, words: &[&str], out: &mut String) -> usize {
    let n = 8 + rng.below(12);
    for i in 0..n {
        let w = rng.pick(words);
        if i == 0 {
            let mut chars = w.chars();
            if let Some(c) = chars.next() {
                out.extend(c.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(w);
        }
    }
    out.push_str(". ");
    n
}

fn entry(index: usize, concepts: usize, lang: &Lang, rng: &mut Rng) -> String {
    let id = format!("concept-{index:05}");
    let title = title_of(index, lang);
    let mut s = String::with_capacity(6000);
    let _ = writeln!(s, "---\ntitle: \"{title}\"");
    let mut summary = String::new();
    sentence(rng, lang.words, &mut summary);
    let _ = writeln!(s, "summary: \"{}\"", summary.trim());
    // Three to five aliases, each unique to the concept: real glossaries list spellings, abbreviations and
    // older names.
    let lower = title.to_lowercase();
    let mut aliases = vec![format!("{lower} alt {index}"), format!("{}{index}", id[..3].to_uppercase())];
    aliases.push(format!("{} variant {index}", rng.pick(NOUNS)));
    if !index.is_multiple_of(3) {
        aliases.push(format!("{lower} ({index})"));
    }
    if index % 3 > 1 {
        aliases.push(format!("{} {index}", lower.split(' ').rev().collect::<Vec<_>>().join(" ")));
    }
    let quoted: Vec<String> = aliases.iter().map(|a| format!("\"{a}\"")).collect();
    let _ = writeln!(s, "aliases: [{}]", quoted.join(", "));
    let _ = writeln!(s, "difficulty: {}", ["beginner", "intermediate", "advanced"][index % 3]);
    let _ = writeln!(s, "week: 2026-W{:02}", 1 + index % 52);
    let _ = writeln!(s, "category: \"{}\"", lang.categories[index % lang.categories.len()]);
    s.push_str("sources:\n");
    for k in 0..2 {
        let _ = writeln!(s, "  - title: \"Source {k} on {title}\"\n    url: https://example.org/papers/{id}/{k}");
    }
    let related: Vec<String> = (0..2 + rng.below(4))
        .map(|_| format!("concept-{:05}", (index + 1 + rng.below(concepts.max(2) - 1)) % concepts))
        .filter(|r| *r != id)
        .collect();
    let _ = writeln!(s, "related: [{}]\n---\n", related.join(", "));

    let mut words = 0;
    for (h, heading) in lang.headings.iter().enumerate() {
        let _ = writeln!(s, "## {}\n", heading.replace("{}", &title.to_lowercase()));
        for _ in 0..2 {
            for k in 0..4 {
                words += sentence(rng, lang.words, &mut s);
                // Most paragraphs mention other concepts by name, as prose in a glossary does.
                if k == 1 && rng.chance(85) {
                    let other = (index + 1 + rng.below(concepts.max(2) - 1)) % concepts;
                    let _ = write!(s, "{} {}. ", lang.mention, title_of(other, lang).to_lowercase());
                }
            }
            let target = (index + 1 + rng.below(concepts.max(2) - 1)) % concepts;
            let _ = write!(
                s,
                "See [{}](@/concept-{target:05}.md) and `{}()`.",
                title_of(target, lang).to_lowercase(),
                rng.pick(NOUNS)
            );
            s.push_str("\n\n");
        }
        match h {
            1 => {
                for _ in 0..4 {
                    s.push_str("- ");
                    words += sentence(rng, lang.words, &mut s);
                    s.push('\n');
                }
                s.push('\n');
            }
            2 if rng.chance(80) => {
                // Half the tables are long, as comparison tables in real entries are.
                let rows = if rng.chance(50) { 20 + rng.below(21) } else { 4 };
                s.push_str("| Aspect | Value | Note |\n|---|---|---|\n");
                for r in 0..rows {
                    let _ =
                        writeln!(s, "| {} | {} | {} |", rng.pick(lang.words), r * 7 + index % 5, rng.pick(lang.words));
                }
                s.push('\n');
            }
            3 if index % 10 < 4 => {
                let _ = writeln!(
                    s,
                    "```python\nimport numpy as np\n\ndef step(w, grad, lr=0.01):\n    \"\"\"One update of {id}.\"\"\"\n    return w - lr * grad\n\nw = np.zeros({})\nprint(step(w, np.ones_like(w)))\n```\n",
                    3 + index % 5
                );
            }
            _ => {}
        }
    }
    while words < 700 {
        words += sentence(rng, lang.words, &mut s);
    }
    s.push('\n');
    s
}

/// Writes a complete site (site.toml, i18n, content) with `concepts` concepts in English and Dutch.
pub fn write_site(out: &Path, concepts: usize, seed: u64) -> std::io::Result<()> {
    for lang in &LANGS {
        std::fs::create_dir_all(out.join("content").join(lang.code))?;
    }
    std::fs::create_dir_all(out.join("i18n"))?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for lang in ["en", "nl"] {
        std::fs::copy(root.join("i18n").join(format!("{lang}.toml")), out.join("i18n").join(format!("{lang}.toml")))?;
    }
    std::fs::write(
        out.join("site.toml"),
        "base_url = \"https://example.org/\"\ndefault_language = \"en\"\n\n[languages.en]\nname = \"English\"\ntitle = \"Benchmark Glossary\"\n\n[languages.nl]\nname = \"Nederlands\"\ntitle = \"Benchmarkwoordenboek\"\n",
    )?;
    for index in 0..concepts {
        for (l, lang) in LANGS.iter().enumerate() {
            let mut rng = Rng(seed ^ ((index as u64) << 8 | l as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
            let text = entry(index, concepts, lang, &mut rng);
            std::fs::write(out.join("content").join(lang.code).join(format!("concept-{index:05}.md")), text)?;
        }
    }
    Ok(())
}
