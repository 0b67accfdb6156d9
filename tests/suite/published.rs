//! What a build publishes and refuses: hidden and editor files stay out of the output, links, FIFOs and
//! folders where files belong are reported, control characters never reach a page, comments are not
//! indexed, names too long for a file system and links that lead nowhere stop the build at their line.

use std::process::Command;

use crate::common::{self, build, site, stderr, write};

const ENTRY: &str = "content/en/overfitting.md";

#[test]
fn hidden_and_editor_files_are_not_published_and_odd_files_are_reported() {
    let dir = site(None);
    let root = dir.path();
    for file in [
        "static/logo.txt",
        "static/.env",
        "static/.git/config",
        "static/.DS_Store",
        "static/notes.txt.swp",
        "static/draft.txt~",
        "static/#autosave#",
        "static/.well-known/security.txt",
        "static/docs/.hidden/secret.txt",
    ] {
        write(root, file, "x");
    }
    std::os::unix::fs::symlink("/etc/hostname", root.join("static/host.txt")).unwrap();
    assert!(Command::new("mkfifo").arg(root.join("static/pipe")).status().unwrap().success());
    std::fs::create_dir_all(root.join("content/en/folder.md")).unwrap();
    assert!(Command::new("mkfifo").arg(root.join("content/en/pipe.md")).status().unwrap().success());
    let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(root.join("site.toml"), format!("include_hidden = [\".well-known/\"]\n{config}")).unwrap();

    let out = build(root, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let public = root.join("public");
    assert!(public.join("logo.txt").exists());
    assert!(public.join(".well-known/security.txt").exists(), "include_hidden opts a path in");
    for gone in [
        ".env",
        ".git/config",
        ".DS_Store",
        "notes.txt.swp",
        "draft.txt~",
        "#autosave#",
        "docs/.hidden/secret.txt",
        "host.txt",
        "pipe",
    ] {
        assert!(!public.join(gone).exists(), "{gone} was published");
    }
    assert!(err.contains("static/host.txt: warning: not published: it is a symbolic link"), "{err}");
    assert!(err.contains("static/pipe: warning: not published: it is a FIFO"), "{err}");
    assert!(err.contains("content/en/folder.md: warning: ignored: it is a folder, not an entry file"), "{err}");
    assert!(err.contains("content/en/pipe.md: warning: ignored: it is a FIFO, not an entry file"), "{err}");
}

#[test]
fn control_characters_are_errors_at_their_line_and_never_reach_the_output() {
    let text = std::fs::read_to_string(common::fixtures().join("valid").join(ENTRY)).unwrap();
    for (broken, expected) in [
        (
            text.replace("Too close a fit.", "Too close\u{7} a fit."),
            "content/en/overfitting.md:16:10: error: the file holds the control character U+0007",
        ),
        (
            text.replace("title: Overfitting", "title: \"Over\\u001bfitting\""),
            "content/en/overfitting.md:2:8: error: the title holds the control character U+001B",
        ),
        (
            text.replace("aliases: [overtraining]", "aliases: [\"over\\x7Ftraining\"]"),
            "content/en/overfitting.md:4:11: error: the alias holds the control character U+007F",
        ),
        (text.replace("Too close a fit.", "Too close \u{ffff} a fit."), "U+FFFF"),
    ] {
        let dir = site(None);
        write(dir.path(), ENTRY, &broken);
        let out = build(dir.path(), &[]);
        assert_eq!(out.status.code(), Some(1), "{broken}");
        assert!(stderr(&out).contains(expected), "{expected}:\n{}", stderr(&out));
    }
    let dir = site(None);
    let strings = std::fs::read_to_string(dir.path().join("i18n/nl.toml")).unwrap();
    write(dir.path(), "i18n/nl.toml", strings.replace("home = \"Home\"", "home = \"Ho\\u0000me\""));
    let err = stderr(&build(dir.path(), &[]));
    assert!(
        err.contains("i18n/nl.toml") && err.contains("the UI string `home` holds the control character U+0000"),
        "{err}"
    );
    let config = std::fs::read_to_string(dir.path().join("site.toml")).unwrap();
    write(dir.path(), "i18n/nl.toml", &strings);
    write(dir.path(), "site.toml", config.replace("title = \"AI Woordenboek\"", "title = \"AI\\u0008Woordenboek\""));
    let err = stderr(&build(dir.path(), &[]));
    assert!(err.contains("the title of language `nl` holds the control character U+0008"), "{err}");
}

#[test]
fn html_comments_are_neither_indexed_nor_previewed() {
    let dir = site(None);
    let text = std::fs::read_to_string(common::fixtures().join("valid").join(ENTRY)).unwrap();
    let commented = text
        .replace("Too close a fit.", "Too close a fit. <!-- zanzibarword in a note to self -->")
        .replace("and does worse on new data.", "and does worse on new data. <!-- quokkaword -->");
    write(dir.path(), ENTRY, commented);
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let index = std::fs::read_to_string(dir.path().join("public/en/search-index.json")).unwrap();
    let index: serde_json::Value = serde_json::from_str(&index).unwrap();
    assert!(!index.to_string().contains("zanzibarword") && !index.to_string().contains("quokkaword"), "{index}");
    let linking = common::page(dir.path(), "en/open-weights-vs-open-source/index.html");
    let previews = common::texts(&linking, ".gloss-tip").join(" ");
    assert!(previews.contains("does worse on new data") && !previews.contains("quokkaword"), "{previews}");
}

#[test]
fn names_too_long_for_a_file_system_stop_the_build_at_their_line() {
    let text = std::fs::read_to_string(common::fixtures().join("valid").join(ENTRY)).unwrap();
    let long = "a".repeat(300);
    for (broken, expected) in [
        (
            text.replace("aliases: [overtraining]", &format!("aliases: [{long}]")),
            "content/en/overfitting.md:4:11: error: the alias is too long",
        ),
        (
            text.replace("category: Foundations", &format!("category: {long}")),
            "content/en/overfitting.md:7:11: error: the category cannot be used in a URL",
        ),
        (
            text.replace("related: []", &format!("related: []\nslug: {long}")),
            "content/en/overfitting.md:12:7: error: invalid `slug`",
        ),
    ] {
        let dir = site(None);
        write(dir.path(), ENTRY, &broken);
        let out = build(dir.path(), &[]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.contains(expected) && err.contains("more than the 255 a folder name may have"),
            "{expected}:\n{err}"
        );
    }
}

#[test]
fn links_by_path_into_the_site_must_lead_somewhere() {
    let dir = site(None);
    let text = std::fs::read_to_string(common::fixtures().join("valid").join(ENTRY)).unwrap();
    let linked = text.replace(
        "Too close a fit.",
        "Too close a fit. See [zebra](../zebra/), [home](/en/), [css](/style.css), [gone](../no-such-page/), [far](/nowhere/at/all.html), [web](https://example.com/x/) and [mail](mailto:a@b.c).",
    );
    write(dir.path(), ENTRY, linked);
    let out = build(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/en/overfitting.md:16:")
            && err.contains("the link `../no-such-page/` leads to `/en/no-such-page/`"),
        "{err}"
    );
    assert!(err.contains("the link `/nowhere/at/all.html` leads to `/nowhere/at/all.html`"), "{err}");
    assert_eq!(err.matches(": error:").count(), 2, "the links that lead somewhere, and other sites, pass: {err}");
    // Under a sub-path, a path outside the site is another site's: untouched.
    let out = build(dir.path(), &["--base-url", "https://example.org/glossary/"]);
    let err = stderr(&out);
    assert!(!err.contains("/nowhere/at/all.html"), "{err}");
}

#[test]
fn unusual_but_allowed_text_gives_output_every_parser_reads() {
    let dir = site(None);
    let text = std::fs::read_to_string(common::fixtures().join("valid").join(ENTRY)).unwrap();
    let odd = "Tab\there, emoji 🧠, RTL שלום, a line\u{2028}separator, ]]> and </script> & <b>";
    let changed = text
        .replace("title: Overfitting", &format!("title: \"Overfitting {}\"", odd.replace('\t', "\\t")))
        .replace("summary: A model", &format!("summary: \"{} A model", odd.replace('\t', "\\t")))
        .replace("does worse on new data.", "does worse on new data.\"")
        // In the body raw HTML is the author's (allow_html): the markup-like part goes in a code span.
        .replace(
            "Too close a fit.",
            &format!("Too close a fit. {} `]]> and </script> & <b>`", &odd[..odd.find(']').unwrap()]),
        );
    write(dir.path(), ENTRY, changed);
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = dir.path().join("public");
    let mut parsed = 0;
    for item in walkdir::WalkDir::new(&public).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let path = item.path();
        let Ok(body) = std::fs::read_to_string(path) else { continue };
        assert!(crate::common::forbidden_free(&body), "{}", path.display());
        match path.extension().and_then(|e| e.to_str()) {
            Some("xml") => {
                roxmltree::Document::parse(&body).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            }
            Some("json") => {
                serde_json::from_str::<serde_json::Value>(&body).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            }
            // The Nu HTML Checker reads every page below.
            Some("html") => {}
            _ => continue,
        }
        parsed += 1;
    }
    assert!(parsed > 30, "{parsed} files parsed");
    let feed = std::fs::read_to_string(public.join("en/atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let titles: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("title")).filter_map(|n| n.text()).collect();
    assert!(
        titles.iter().any(|t| t.contains("]]> and </script> & <b>")),
        "the text survives the round trip: {titles:?}"
    );
    crate::validity::nu_check(dir.path());
}

#[test]
fn serve_refuses_a_saved_link_that_leads_nowhere_and_a_missing_section() {
    let dir = site(None);
    let root = dir.path();
    let mut ws = crate::incremental::workspace(root);
    let entry = root.join(ENTRY);
    let text = std::fs::read_to_string(&entry).unwrap();
    for (link, expected) in [
        ("[gone](../no-such-page/)", "the link `../no-such-page/` leads to `/en/no-such-page/`"),
        ("[part](@/zebra.md#nowhere)", "`zebra` has no section `#nowhere`"),
    ] {
        std::fs::write(&entry, text.replace("Too close a fit.", &format!("Too close a fit. {link}"))).unwrap();
        let report = ws.rebuild(std::slice::from_ref(&entry)).expect_err("the rebuild refuses it");
        assert!(report.to_string().contains(expected), "{report}");
    }
    std::fs::write(&entry, &text).unwrap();
    assert!(ws.rebuild(&[entry]).is_ok(), "fixed, the site rebuilds");
}
