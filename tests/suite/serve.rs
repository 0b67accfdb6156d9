//! `glossgen serve` over real HTTP: static serving, refusing traversal, live reload after edits, surviving
//! mistakes, and stopping cleanly.

use std::time::Duration;

use crate::common;
use crate::common::server::{Server, free_port, request};

const WAIT: Duration = Duration::from_secs(20);

fn started() -> (tempfile::TempDir, Server) {
    let dir = common::site(None);
    let server = Server::start(dir.path(), free_port());
    (dir, server)
}

#[test]
fn serves_pages_assets_and_status_codes() {
    let (_dir, server) = started();
    let page = server.get("/en/overfitting/");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(page.body.contains("<script src=\"/__glossgen/livereload.js\""), "live reload missing");
    let canonical = format!("<link rel=\"canonical\" href=\"http://127.0.0.1:{}/en/overfitting/\">", server.port);
    assert!(page.body.contains(&canonical), "links must point at the local server");

    for (path, kind) in [
        ("/style.css", "text/css; charset=utf-8"),
        ("/syntax.css", "text/css; charset=utf-8"),
        ("/sitemap.xml", "text/xml; charset=utf-8"),
        ("/__glossgen/livereload.js", "text/javascript; charset=utf-8"),
        ("/", "text/html; charset=utf-8"),
    ] {
        let r = server.get(path);
        assert_eq!((r.status, r.header("content-type")), (200, Some(kind)), "{path}");
    }

    let redirect = server.get("/en/overfitting");
    assert_eq!((redirect.status, redirect.header("location")), (301, Some("/en/overfitting/")));
    let missing = server.get("/en/no-such-entry/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"), "the site's 404 page is served");

    let head = server.request("HEAD", "/en/overfitting/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-length").map(|l| l.parse::<usize>().unwrap()), Some(page.body.len()));

    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let r = server.request(method, "/en/overfitting/");
        assert_eq!((r.status, r.header("allow")), (405, Some("GET, HEAD")), "{method}");
    }
}

#[test]
fn refuses_paths_that_leave_the_site() {
    let (dir, server) = started();
    std::os::unix::fs::symlink("/etc", dir.path().join("content/en/etc")).unwrap();
    for target in [
        "/../../../../etc/passwd",
        "/en/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%2f..%2fetc%2fpasswd",
        "/..%5c..%5cetc%5cpasswd",
        "/..\\..\\etc\\passwd",
        "/en/%00/index.html",
        "//etc/passwd",
        "/C:/Windows/win.ini",
        "/%c0%ae%c0%ae/etc/passwd",
    ] {
        let r = server.get(target);
        assert!(matches!(r.status, 400 | 404), "{target}: {}", r.status);
        assert!(!r.body.contains("root:"), "{target} leaked a system file");
    }
    let absolute =
        request(server.port, "GET http://127.0.0.1/etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(!absolute.body.contains("root:"));
    let via_link = server.get("/en/etc/passwd");
    assert_eq!(via_link.status, 404);
}

#[test]
fn an_edit_in_place_reloads_the_page() {
    let (dir, server) = started();
    let mut events = server.events();
    let file = dir.path().join("content/nl/overfitting.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("Te nauwe aanpassing.", "Een heel nieuwe zin.")).unwrap();
    let data = events.wait_for("reload", WAIT).expect("no reload event");
    assert!(data.contains("\"nl/overfitting/index.html\""), "{data}");
    assert!(server.get("/nl/overfitting/").body.contains("Een heel nieuwe zin."));
}

#[test]
fn a_save_by_rename_reloads_the_page() {
    let (dir, server) = started();
    let mut events = server.events();
    let file = dir.path().join("content/en/overfitting.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let temp = dir.path().join("content/en/.overfitting.md.tmp");
    std::fs::write(&temp, text.replace("Too close a fit.", "Saved the way editors do.")).unwrap();
    std::fs::rename(&temp, &file).unwrap();
    let data = events.wait_for("reload", WAIT).expect("no reload event");
    assert!(data.contains("\"en/overfitting/index.html\""), "{data}");
    assert!(server.get("/en/overfitting/").body.contains("Saved the way editors do."));
}

#[test]
fn a_new_file_appears_and_a_deleted_one_disappears() {
    let (dir, server) = started();
    let mut events = server.events();
    let file = dir.path().join("content/en/fresh.md");
    std::fs::write(&file, "---\ntitle: Fresh Entry\nsummary: Just written.\n---\n\nNew.\n").unwrap();
    let data = events.wait_for("reload", WAIT).expect("no reload after a new file");
    assert!(data.contains("en/fresh/index.html"), "{data}");
    assert_eq!(server.get("/en/fresh/").status, 200);
    std::fs::remove_file(&file).unwrap();
    events.wait_for("reload", WAIT).expect("no reload after deleting");
    assert_eq!(server.get("/en/fresh/").status, 404);
}

#[test]
fn a_mistake_is_reported_and_the_last_good_site_kept_until_fixed() {
    let (dir, server) = started();
    let mut events = server.events();
    let file = dir.path().join("content/en/overfitting.md");
    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, good.replace("related: []", "related: [no-such-entry]")).unwrap();
    let error = events.wait_for("build-error", WAIT).expect("no error event");
    assert!(error.contains("content/en/overfitting.md:11:"), "{error}");
    assert!(error.contains("no-such-entry"), "{error}");
    let page = server.get("/en/overfitting/");
    assert_eq!(page.status, 200, "the last good page is still served");

    // A page opened while the error stands learns about it at once.
    let mut late = server.events();
    assert!(late.wait_for("build-error", WAIT).is_some());

    // Saved in one step, as editors do: a watcher that sees a half-written file could build it without the
    // new text and send its all-clear first.
    let saved = dir.path().join("overfitting.md.tmp");
    std::fs::write(&saved, good.replace("Too close a fit.", "Fixed now.")).unwrap();
    std::fs::rename(&saved, &file).unwrap();
    events.wait_for("build-ok", WAIT).expect("no all-clear event");
    assert!(server.get("/en/overfitting/").body.contains("Fixed now."));
}

/// The paths of a `reload` event's data.
fn reloaded(data: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(data).unwrap();
    assert_eq!(value["all"], false, "{data}");
    value["paths"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect()
}

#[test]
fn a_renamed_entry_goes_out_before_the_pages_that_name_it() {
    let (dir, server) = started();
    let mut events = server.events();
    let file = dir.path().join("content/en/overfitting.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("title: Overfitting", "title: Overfitting to noise")).unwrap();
    let first = events.wait_for("reload", WAIT).expect("no reload event");
    assert_eq!(reloaded(&first), ["en/overfitting/index.html"]);
    let rest = reloaded(&events.wait_for("reload", WAIT).expect("no reload for the pages that name it"));
    assert!(rest.contains(&"en/index.html".to_string()), "{rest:?}");
    assert!(!rest.contains(&"en/overfitting/index.html".to_string()), "sent again unchanged: {rest:?}");
    assert!(server.get("/en/").body.contains("Overfitting to noise"));
    assert!(server.get("/en/overfitting/").body.contains("Overfitting to noise"));
}

#[test]
fn a_rename_that_breaks_another_page_takes_its_early_page_back() {
    let (dir, server) = started();
    let mut events = server.events();
    let zebra = dir.path().join("content/en/zebra.md");
    let text = std::fs::read_to_string(&zebra).unwrap();
    std::fs::write(&zebra, format!("{text}\nSee [[overtraining]].\n")).unwrap();
    events.wait_for("reload", WAIT).expect("no reload after linking by alias");
    let file = dir.path().join("content/en/overfitting.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let renamed = text.replace("title: Overfitting", "title: Overfitting to noise");
    std::fs::write(&file, renamed.replace("aliases: [overtraining]", "aliases: [memorising]")).unwrap();
    let first = events.wait_for("reload", WAIT).expect("no early reload");
    assert_eq!(reloaded(&first), ["en/overfitting/index.html"]);
    let error = events.wait_for("build-error", WAIT).expect("no error event");
    assert!(error.contains("content/en/zebra.md:") && error.contains("[[overtraining]]"), "{error}");
    let back = events.wait_for("reload", WAIT).expect("the early page was not taken back");
    assert_eq!(reloaded(&back), ["en/overfitting/index.html"]);
    let page = server.get("/en/overfitting/").body;
    assert!(page.contains("Overfitting") && !page.contains("Overfitting to noise"), "the last good page");
}

#[test]
fn many_concurrent_requests_are_served() {
    let (_dir, server) = started();
    let _open_streams: Vec<_> = (0..5).map(|_| server.events()).collect();
    let port = server.port;
    let threads: Vec<_> = (0..64)
        .map(|i| {
            std::thread::spawn(move || {
                let path = if i % 2 == 0 { "/en/overfitting/" } else { "/nl/" };
                request(port, &format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).status
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), 200);
    }
}

#[test]
fn a_taken_port_moves_to_the_next_one() {
    let dir = common::site(None);
    let blocker = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let taken = blocker.local_addr().unwrap().port();
    let server = Server::start(dir.path(), taken);
    assert_ne!(server.port, taken);
    assert_eq!(server.get("/en/").status, 200);
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let (_dir, server) = started();
    let _stream = server.events();
    let status = server.interrupt();
    assert!(status.success(), "{status:?}");
}
