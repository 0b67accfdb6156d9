//! Bad input of every kind gets a clear error naming the file (and line where there is one), a non-zero exit
//! code, no panic, and leaves the previous output untouched.

use std::path::Path;

use crate::common::{self, build, site, snapshot, stderr, write};

/// Builds the valid site, applies `break_it`, builds again, and checks the failure was handled well; returns
/// the second build's stderr.
fn rejected(break_it: impl FnOnce(&Path), extra: &[&str]) -> String {
    let dir = site(None);
    let root = dir.path();
    assert!(build(root, &[]).status.success());
    let before = snapshot(&root.join("public"));
    break_it(root);
    let out = build(root, extra);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "expected a clean failure (exit 1), got {:?}:\n{err}", out.status.code());
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(before, snapshot(&root.join("public")), "the previous output changed:\n{err}");
    err
}

/// Like [`rejected`], but the input is acceptable: the build must succeed without panicking.
fn accepted(change: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = site(None);
    change(dir.path());
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

const ENTRY: &str = "content/en/overfitting.md";

#[test]
fn front_matter_mistakes() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "missing opening fence",
            "title: X\nsummary: Y\n---\nbody\n",
            "content/en/overfitting.md:1:1: error: the file does not start with front-matter",
        ),
        (
            "missing closing fence",
            "---\ntitle: X\nsummary: Y\n",
            "content/en/overfitting.md:1:1: error: the front-matter is never closed",
        ),
        ("empty file", "", "content/en/overfitting.md:1:1"),
        ("malformed YAML", "---\ntitle: [unclosed\nsummary: Y\n---\n", "content/en/overfitting.md:"),
        (
            "number as title",
            "---\ntitle: 12\nsummary: Y\n---\n",
            "content/en/overfitting.md:2:8: error: `title` must be text",
        ),
        ("string as aliases", "---\ntitle: X\nsummary: Y\naliases: one\n---\n", "content/en/overfitting.md:4:10"),
        (
            "unknown key",
            "---\ntitle: X\nsummary: Y\ncolour: red\n---\n",
            "content/en/overfitting.md:4:1: error: front-matter: unknown field `colour`",
        ),
        (
            "duplicate key",
            "---\ntitle: X\nsummary: Y\ntitle: Z\n---\n",
            "content/en/overfitting.md:4:1: error: front-matter: duplicate mapping key",
        ),
        ("invalid date", "---\ntitle: X\nsummary: Y\nupdated: 2026-02-30\n---\n", "content/en/overfitting.md:4:10"),
        ("bad stamp", "---\ntitle: X\nsummary: Y\ntranslated_from: nope\n---\n", "content/en/overfitting.md:4:18"),
    ];
    for (what, text, expected) in cases {
        let err = rejected(|root| write(root, ENTRY, text), &[]);
        assert!(err.contains(expected), "{what}: expected `{expected}` in:\n{err}");
        assert!(err.contains("hint:"), "{what}: no hint:\n{err}");
    }
}

#[test]
fn alias_bombs_are_stopped() {
    let mut yaml = String::from(
        "---\ntitle: X\nsummary: Y\nlaughs:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (name, prev) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e"), ("g", "f"), ("h", "g"), ("i", "h")]
    {
        yaml.push_str(&format!(
            "  {name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
    }
    yaml.push_str("---\nBody.\n");
    let started = std::time::Instant::now();
    let err = rejected(|root| write(root, ENTRY, &yaml), &[]);
    assert!(err.contains("content/en/overfitting.md:"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "the bomb was expanded");
}

#[test]
fn huge_and_deep_bodies_build_without_trouble() {
    // The section another entry of the fixture links to stays.
    let head = "---\ntitle: Overfitting\nsummary: Big.\n---\n## What is it?\n\n";
    let ten_mb = format!("{head}{}", "Overfitting is a word in a long paragraph. ".repeat(250_000));
    let dir = accepted(|root| write(root, ENTRY, &ten_mb));
    assert!(std::fs::metadata(dir.path().join("public/en/overfitting/index.html")).unwrap().len() > 10_000_000);
    accepted(|root| write(root, ENTRY, format!("{head}{} deep\n", ">".repeat(10_000))));
    accepted(|root| write(root, ENTRY, format!("{head}{}\n", "x".repeat(2_000_000))));
    accepted(|root| write(root, ENTRY, format!("{head}{}\n", "- ".repeat(5_000))));
    accepted(|root| write(root, ENTRY, format!("{head}{}x{}\n", "*".repeat(5_000), "*".repeat(5_000))));
}

#[test]
fn encodings() {
    let dir = accepted(|root| {
        let text = std::fs::read_to_string(root.join(ENTRY)).unwrap().replace('\n', "\r\n");
        write(root, ENTRY, [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat());
    });
    let html = common::page(dir.path(), "en/overfitting/index.html");
    assert_eq!(common::texts(&html, "h1"), ["Overfitting"], "BOM and CRLF are read like plain UTF-8");

    let err = rejected(|root| write(root, ENTRY, b"---\ntitle: X\nsummary: \xFF\xFE\n---\n".as_slice()), &[]);
    assert!(err.contains("content/en/overfitting.md:3: error: the file is not valid UTF-8"), "{err}");
    let err = rejected(|root| write(root, ENTRY, b"---\ntitle: X\nsummary: Y\n---\n\0".as_slice()), &[]);
    assert!(err.contains("content/en/overfitting.md:5: error: the file contains a NUL byte"), "{err}");
}

#[test]
fn identity_problems() {
    let entry = "---\ntitle: Another\nsummary: Y\n---\n";
    let err = rejected(
        |root| write(root, "content/en/second.md", "---\ntitle: Second\nsummary: Y\nslug: overfitting\n---\n"),
        &[],
    );
    assert!(err.contains("the URL slug `overfitting` is also used by"), "{err}");
    for (file, expected) in [
        ("content/en/con.md", "content/en/con.md: error: the file name is not a usable concept id"),
        ("content/en/!!!.md", "content/en/!!!.md: error: the file name is not a usable concept id"),
        ("content/en/tab\there.md", "error: the file name is not a usable concept id"),
    ] {
        let err = rejected(|root| write(root, file, entry), &[]);
        assert!(err.contains(expected), "{file}: {err}");
    }
    for slug in ["../../etc", "a/b", "..\\\\x", "/abs"] {
        let err = rejected(
            |root| {
                write(
                    root,
                    "content/en/second.md",
                    entry.replace("---\n\n", "").replace("summary: Y\n", &format!("summary: Y\nslug: \"{slug}\"\n")),
                )
            },
            &[],
        );
        assert!(err.contains("content/en/second.md:4:7: error: invalid `slug`"), "{slug}: {err}");
    }
    let err = rejected(|root| write(root, "content/de/overfitting.md", entry), &[]);
    assert!(err.contains("content/de: error: language folder `de` is not declared in site.toml"), "{err}");
    let err = rejected(
        |root| {
            let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
            write(root, "site.toml", format!("{config}\n[languages.fr]\nname = \"Français\"\ntitle = \"Glossaire\"\n"));
            write(root, "i18n/fr.toml", std::fs::read(root.join("i18n/en.toml")).unwrap());
        },
        &[],
    );
    assert!(err.contains("content/fr: error: language `fr` is declared in site.toml but has no entries"), "{err}");
}

#[test]
fn odd_files_are_ignored_and_links_never_followed_out() {
    let dir = accepted(|root| {
        write(root, "content/en/notes.txt", "not an entry");
        write(root, "content/en/picture.png", [0u8, 1, 2]);
        write(root, "content/en/.hidden.md", "not even front-matter");
        write(root, "content/en/sub/nested.md", "---\ntitle: N\nsummary: S\n---\n");
        std::os::unix::fs::symlink("/etc/passwd", root.join("content/en/passwd.md")).unwrap();
        std::os::unix::fs::symlink(root.join("content/en"), root.join("content/en/loop")).unwrap();
    });
    let out = build(dir.path(), &[]);
    assert!(stderr(&out).contains("content/en/passwd.md: warning: symbolic link ignored"), "{}", stderr(&out));
    assert!(!dir.path().join("public/en/passwd").exists());
    assert!(!dir.path().join("public/en/nested").exists());
    assert!(!dir.path().join("public/en/hidden").exists());

    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "secret.md", "---\ntitle: Secret\nsummary: S\n---\n");
    let dir = site(None);
    std::fs::rename(dir.path().join("content/nl"), dir.path().join("real-nl")).unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("content/nl")).unwrap();
    let out = build(dir.path(), &[]);
    let err = stderr(&out);
    assert!(err.contains("content/nl: warning: symbolic link ignored"), "{err}");
    assert!(!dir.path().join("public/nl/secret").exists());
}

#[test]
fn template_and_string_problems() {
    let err = rejected(
        |root| {
            write(
                root,
                "templates/entry.html",
                "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n{% endblock content %}",
            )
        },
        &[],
    );
    assert!(err.contains("templates/entry.html:3:"), "syntax error with template and line: {err}");
    let err = rejected(
        |root| {
            write(
                root,
                "templates/entry.html",
                "{% extends \"base.html\" %}\n{% block content %}\n{{ page.no_such_field }}\n{% endblock content %}",
            )
        },
        &[],
    );
    assert!(err.contains("templates/entry.html:3:") && err.contains("template `entry.html`"), "runtime error: {err}");
    let err = rejected(
        |root| {
            let text = std::fs::read_to_string(root.join("i18n/nl.toml")).unwrap();
            write(root, "i18n/nl.toml", format!("{text}extra_only_in_dutch = \"x\"\n"));
        },
        &[],
    );
    assert!(err.contains("i18n/en.toml: error: missing UI string `extra_only_in_dutch` for language `en`"), "{err}");
    let err = rejected(
        |root| {
            let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
            write(root, "site.toml", format!("theme = \"nowhere\"\n{config}"));
        },
        &[],
    );
    assert!(err.contains("site.toml: error: theme `nowhere` does not exist"), "{err}");
}

#[test]
fn output_folder_safety() {
    for (dir_arg, why) in
        [(".", "the site folder itself"), ("content", "inside the site's content/"), ("..", "contains the site")]
    {
        let err = rejected(|_| {}, &["--output-dir", dir_arg]);
        assert!(err.contains(why), "{dir_arg}: {err}");
    }
    let dir = site(None);
    write(dir.path(), "mine/keep.txt", "precious");
    let out = build(dir.path(), &["--output-dir", "mine"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("glossgen did not write (use --force"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(dir.path().join("mine/keep.txt")).unwrap(), "precious");
    let forced = build(dir.path(), &["--output-dir", "mine", "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(dir.path().join("mine/en/overfitting/index.html").exists());
    let again = build(dir.path(), &["--output-dir", "mine"]);
    assert!(again.status.success(), "a folder glossgen wrote is its own to replace");
}

#[test]
fn text_is_escaped_and_scripts_are_refused() {
    let dir = accepted(|root| {
        let text = std::fs::read_to_string(root.join(ENTRY)).unwrap();
        write(
            root,
            ENTRY,
            text.replace("title: Overfitting", "title: \"Over<script>alert(1)</script>fitting\"")
                .replace("Too close a fit.", "Raw <b class=\"raw\">bold</b> HTML."),
        );
    });
    let raw = std::fs::read_to_string(dir.path().join("public/en/overfitting/index.html")).unwrap();
    assert!(!raw.contains("<script>alert(1)"), "front-matter is escaped");
    assert!(raw.contains("Over&lt;script&gt;"), "front-matter is escaped");
    assert!(raw.contains("<b class=\"raw\">bold</b>"), "raw HTML is allowed by default");

    let dir = accepted(|root| {
        let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
        write(root, "site.toml", format!("allow_html = false\n{config}"));
        let text = std::fs::read_to_string(root.join(ENTRY)).unwrap();
        write(root, ENTRY, text.replace("Too close a fit.", "Raw <b class=\"raw\">bold</b> HTML."));
    });
    let raw = std::fs::read_to_string(dir.path().join("public/en/overfitting/index.html")).unwrap();
    assert!(
        raw.contains("&lt;b class=\"raw\"&gt;bold&lt;/b&gt;") || raw.contains("&lt;b class=&quot;raw&quot;&gt;"),
        "escaped when switched off"
    );

    let err = rejected(
        |root| {
            let text = std::fs::read_to_string(root.join(ENTRY)).unwrap();
            write(root, ENTRY, text.replace("Too close a fit.", "A [trap](javascript:alert(1)) here."));
        },
        &[],
    );
    assert!(err.contains("content/en/overfitting.md:") && err.contains("would run a script"), "{err}");
    let err = rejected(
        |root| {
            let text = std::fs::read_to_string(root.join(ENTRY)).unwrap();
            write(
                root,
                ENTRY,
                text.replace("url: https://www.deeplearningbook.org/contents/ml.html", "url: \"javascript:alert(1)\""),
            );
        },
        &[],
    );
    assert!(
        err.contains(
            "content/en/overfitting.md:10:10: error: source URL `javascript:alert(1)` is not an absolute http(s) URL"
        ),
        "{err}"
    );
}
