//! Property tests for the pieces every page depends on: slugging, ISO-week parsing, collation order and
//! front-matter splitting.

use std::cmp::Ordering;

use glossgen::collate::TitleCollator;
use glossgen::content::front_matter::split;
use glossgen::slug::{ConceptId, Slug};
use glossgen::week::{IsoWeek, weeks_in_year};
use proptest::prelude::*;

proptest! {
    #[test]
    fn slugs_are_safe_url_segments(text in "\\PC{0,40}") {
        if let Ok(slug) = Slug::from_text(&text) {
            let s = slug.as_str();
            prop_assert!(!s.is_empty());
            prop_assert!(s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{s}");
            prop_assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"), "{s}");
            let again = Slug::from_text(s).unwrap();
            prop_assert_eq!(again.as_str(), s, "slugging a slug changes nothing");
        }
    }

    #[test]
    fn concept_ids_never_hold_path_syntax(text in "\\PC{0,30}") {
        if let Ok(id) = ConceptId::parse(&text) {
            let s = id.as_str();
            prop_assert!(!s.contains('/') && !s.contains('\\') && !s.contains("..") && !s.starts_with('.'));
            prop_assert!(!s.chars().any(char::is_control));
        }
    }

    #[test]
    fn every_real_week_round_trips(year in 1900i32..2200, week in 1u8..=53) {
        match IsoWeek::new(year, week) {
            Ok(w) => {
                prop_assert!(week <= weeks_in_year(year));
                let text = w.to_string();
                prop_assert_eq!(text.parse::<IsoWeek>().unwrap(), w);
                prop_assert_eq!(IsoWeek::containing(w.monday()), w, "the Monday lies in its own week");
            }
            Err(_) => prop_assert!(week > weeks_in_year(year)),
        }
    }

    #[test]
    fn week_parsing_never_panics(text in "\\PC{0,12}") {
        let _ = text.parse::<IsoWeek>();
    }

    #[test]
    fn collation_is_a_total_order_that_sort_keys_agree_with(a in "\\PC{0,12}", b in "\\PC{0,12}", c in "\\PC{0,12}") {
        let coll = TitleCollator::shared();
        prop_assert_eq!(coll.compare(&a, &b), coll.compare(&b, &a).reverse());
        prop_assert_eq!(coll.compare(&a, &a), Ordering::Equal);
        if coll.compare(&a, &b) != Ordering::Greater && coll.compare(&b, &c) != Ordering::Greater {
            prop_assert_ne!(coll.compare(&a, &c), Ordering::Greater, "transitive");
        }
        let by_key = coll.sort_key(&a).cmp(&coll.sort_key(&b)).then_with(|| a.cmp(&b));
        prop_assert_eq!(by_key, coll.compare(&a, &b));
    }

    #[test]
    fn splitting_keeps_every_byte(text in "(---\n)?\\PC{0,20}(\n---\n)?\\PC{0,20}") {
        if let Ok(parts) = split(&text) {
            // The file is the opening fence, the YAML, the closing fence and the body, in order.
            let body_at = text.len() - parts.body.len();
            prop_assert!(text.ends_with(parts.body));
            prop_assert!(text[..body_at].trim_end().ends_with("---"));
            prop_assert!(text.contains(parts.yaml));
            prop_assert!(parts.body_line > parts.yaml_line);
        }
    }
}
