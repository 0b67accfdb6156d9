//! Glossaries in other scripts: titles sorted by each language's own collation, and A–Z pages grouped by
//! each script's index letters (base letters for Greek and Cyrillic, initial consonants for Hangul, the
//! first character for Han and kana), every group once, with ids that are unique and valid.

use std::collections::BTreeSet;

use crate::common::{self, attrs, page, texts};

/// The six-language fixture, built.
fn built() -> tempfile::TempDir {
    let dir = common::own_site("scripts");
    let out = common::build(dir.path(), &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    dir
}

#[test]
fn every_script_gets_its_own_order_and_index_letters_once_each() {
    let dir = built();
    let root = dir.path();
    let expected: [(&str, &[&str], &[&str]); 5] = [
        // Pinyin order (jī, mó, shén, shù); CLDR's Chinese order puts Han before Latin.
        ("zh", &["机", "模", "神", "数", "G"], &["机器学习", "模型", "神经网络", "数据", "GPU"]),
        // Kana in gojūon order, kanji after kana.
        ("ja", &["ト", "ニ", "モ", "学"], &["トークン", "ニューラルネットワーク", "モデル", "学習"]),
        ("ko", &["ㄷ", "ㅁ", "ㅌ", "ㅎ"], &["데이터", "모델", "토큰", "학습"]),
        // Έξοδος files under Ε with Εκπαίδευση.
        ("el", &["Α", "Δ", "Ε", "Μ"], &["Αλγόριθμος", "Δεδομένα", "Εκπαίδευση", "Έξοδος", "Μοντέλο"]),
        // Ё files under Е.
        ("ru", &["Д", "Е", "М", "О"], &["Данные", "Ёмкость", "Модель", "Обучение"]),
    ];
    for (lang, letters, titles) in expected {
        let home = page(root, &format!("{lang}/index.html"));
        assert_eq!(texts(&home, ".letter-group h2"), letters.to_vec(), "{lang}");
        assert_eq!(texts(&home, ".letter-group .entry-title"), titles.to_vec(), "{lang}");
        let ids = attrs(&home, "[id]", "id");
        let unique: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{lang}: ids are unique: {ids:?}");
        // The letter bar links every group of another script, and only groups that exist.
        let bar = attrs(&home, ".letters a", "href");
        for letter in letters.iter().filter(|l| !l.is_ascii()) {
            assert!(bar.contains(&format!("#letter-{letter}")), "{lang}: {letter} in {bar:?}");
        }
        for target in &bar {
            assert!(ids.contains(&target[1..].to_string()), "{lang}: {target} leads nowhere");
        }
        let latin_shown = texts(&home, ".letters li").iter().any(|l| l == "A");
        assert_eq!(latin_shown, lang == "zh", "{lang}: the Latin letters show only where Latin titles are");
    }
    crate::validity::nu_check(root);
}

#[test]
fn punctuation_comes_from_the_languages_strings() {
    let dir = built();
    let root = dir.path();
    // Chinese sets a full-width colon and full stop in i18n/zh.toml; English keeps the default ones.
    let zh = page(root, "zh/model/index.html");
    assert_eq!(texts(&zh, ".aliases .label"), ["Also known as："]);
    let en = page(root, "en/model/index.html");
    assert!(texts(&en, ".note-untranslated").iter().all(|n| n.ends_with('.')));
    let untranslated = page(root, "zh/gpu/index.html");
    assert!(
        texts(&untranslated, ".note-untranslated").iter().all(|n| n.ends_with('。')),
        "{:?}",
        texts(&untranslated, ".note-untranslated")
    );
}

#[test]
fn names_are_linked_inside_text_without_spaces() {
    let dir = built();
    let root = dir.path();
    // 模型 stands inside a sentence with no spaces; GPU between Chinese characters.
    let data = page(root, "zh/data/index.html");
    assert_eq!(attrs(&data, ".entry-body a.gloss-auto", "href"), ["/zh/model/"]);
    let network = page(root, "zh/neural-network/index.html");
    let linked = attrs(&network, ".entry-body a.gloss-auto", "href");
    assert!(linked.contains(&"/zh/gpu/".to_string()), "{linked:?}");
    // The index holds the body's character pairs.
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("public/zh/search-index.json")).unwrap()).unwrap();
    let entry = index["entries"].as_array().unwrap().iter().find(|e| e["t"] == "机器学习").unwrap();
    let stems: Vec<&str> = entry["k"].as_array().unwrap().iter().filter_map(serde_json::Value::as_str).collect();
    assert!(stems.contains(&"图像") && stems.contains(&"像识"), "{stems:?}");
}

#[test]
fn a_chinese_word_only_the_body_has_is_found_from_the_search_box() {
    let dir = built();
    let root = dir.path();
    let server = crate::common::server::Server::start(root, crate::common::server::free_port());
    let base = format!("http://127.0.0.1:{}", server.port);
    let Some(mut browser) = crate::common::browser::Browser::open(&format!("{base}/zh/")) else { return };
    browser.press("/");
    browser.wait_until("document.activeElement.id === 'search-input'", std::time::Duration::from_secs(5));
    // 图像 (image) is in the body of 机器学习 only, neither in a title nor in a summary.
    browser.type_text("图像");
    let found =
        "[...document.querySelectorAll('#search-results [role=option] .search-title')].map((t) => t.textContent)";
    browser.wait_until(&format!("{found}.includes('机器学习')"), std::time::Duration::from_secs(10));
    let titles = browser.eval(found);
    assert_eq!(titles, serde_json::json!(["机器学习"]));
}
