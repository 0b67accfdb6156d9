//! Glossaries in other scripts: titles sorted by each language's own collation, and A–Z pages grouped by
//! each script's index letters (base letters for Greek and Cyrillic, initial consonants for Hangul, the
//! first character for Han and kana), every group once, with ids that are unique and valid.

use std::collections::BTreeSet;

use crate::common::{self, attrs, page, texts};

#[test]
fn every_script_gets_its_own_order_and_index_letters_once_each() {
    let dir = common::own_site("scripts");
    let root = dir.path();
    let out = common::build(root, &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
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
    let dir = common::own_site("scripts");
    let root = dir.path();
    let out = common::build(root, &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
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
