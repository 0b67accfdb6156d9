//! TBX v3 (ISO 30042:2019), TBX-Basic dialect, DCA style: one `conceptEntry` per concept with its
//! category as the subject field and its related concepts as cross-references; one `langSec` per language
//! with the summary as the definition (its sources attached) and a `termSec` per name, whose
//! administrative status comes from the name's term status.

use super::{Concept, terms};
use crate::config::SiteConfig;
use crate::content::aliases::Status;

/// The namespace of TBX v3.
pub const NAMESPACE: &str = "urn:iso:std:iso:30042:ed:3.0";

/// TBX's administrative status of a term status.
pub fn administrative_status(status: Status) -> &'static str {
    match status {
        Status::Preferred => "preferredTerm-admn-sts",
        Status::Admitted => "admittedTerm-admn-sts",
        Status::Deprecated => "deprecatedTerm-admn-sts",
        Status::Obsolete => "supersededTerm-admn-sts",
    }
}

/// The term status of a TBX administrative status.
pub fn status_of(administrative: &str) -> Option<Status> {
    [Status::Preferred, Status::Admitted, Status::Deprecated, Status::Obsolete]
        .into_iter()
        .find(|s| administrative_status(*s) == administrative.trim())
}

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The TBX document of `concepts`.
pub fn write(config: &SiteConfig, concepts: &[Concept<'_>]) -> String {
    let default = config.default_language();
    let mut out = String::with_capacity(concepts.len() * 1200 + 512);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"{}\" xmlns=\"{NAMESPACE}\">\n",
        default.code
    ));
    out.push_str("  <tbxHeader>\n    <fileDesc>\n");
    out.push_str(&format!(
        "      <titleStmt>\n        <title>{}</title>\n      </titleStmt>\n",
        escape(&default.title)
    ));
    out.push_str(&format!(
        "      <sourceDesc>\n        <p>{} ({}), exported by glossgen.</p>\n      </sourceDesc>\n",
        escape(&default.title),
        escape(config.base.as_str())
    ));
    out.push_str("    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body>\n");
    let exported: std::collections::HashSet<&str> = concepts.iter().map(|c| c.id).collect();
    for concept in concepts {
        out.push_str(&format!("      <conceptEntry id=\"{}\">\n", escape(concept.id)));
        let (_, first) = concept.entries[0];
        if let Some(category) = &first.category {
            out.push_str(&format!("        <descrip type=\"subjectField\">{}</descrip>\n", escape(category)));
        }
        // Related concepts, as every language lists them, each once.
        let mut related: Vec<&str> = Vec::new();
        for (_, entry) in &concept.entries {
            for id in entry.related.iter().map(|r| r.value.as_str()) {
                if exported.contains(id) && !related.contains(&id) {
                    related.push(id);
                }
            }
        }
        for id in related {
            out.push_str(&format!("        <ref type=\"crossReference\" target=\"{0}\">{0}</ref>\n", escape(id)));
        }
        for (pos, entry) in &concept.entries {
            let lang = &config.languages[*pos].code;
            out.push_str(&format!("        <langSec xml:lang=\"{lang}\">\n"));
            out.push_str("          <descripGrp>\n");
            out.push_str(&format!(
                "            <descrip type=\"definition\">{}</descrip>\n",
                escape(&entry.summary_text)
            ));
            for source in &entry.sources {
                out.push_str(&format!(
                    "            <admin type=\"source\">{} ({})</admin>\n",
                    escape(&source.title),
                    escape(&source.url)
                ));
            }
            out.push_str("          </descripGrp>\n");
            for term in terms(entry) {
                out.push_str("          <termSec>\n");
                out.push_str(&format!("            <term>{}</term>\n", escape(term.name)));
                out.push_str(&format!(
                    "            <termNote type=\"administrativeStatus\">{}</termNote>\n",
                    administrative_status(term.status)
                ));
                if let Some(note) = term.note {
                    out.push_str(&format!("            <note>{}</note>\n", escape(note)));
                }
                out.push_str("          </termSec>\n");
            }
            out.push_str("        </langSec>\n");
        }
        out.push_str("      </conceptEntry>\n");
    }
    out.push_str("    </body>\n  </text>\n</tbx>\n");
    out
}
