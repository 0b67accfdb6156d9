//! A site published under a sub-path (`https://example.org/glossary/`) works when a plain static server
//! serves it there: every internal link, asset, feed, search index and the 404 page resolve.

use std::collections::{BTreeSet, VecDeque};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use scraper::{Html, Selector};

use crate::common;
use crate::common::server::request;

struct Python(Child);

impl Drop for Python {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> common::server::Response {
    request(port, &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
}

#[test]
fn every_internal_link_resolves_under_a_sub_path() {
    let dir = common::site(None);
    let out =
        common::build(dir.path(), &["--base-url", "https://example.org/glossary/", "--output-dir", "www/glossary"]);
    assert!(out.status.success(), "{}", common::stderr(&out));

    // A plain static file server, serving the parent folder, so the site lives under /glossary/. It picks a
    // free port itself and says which: a port chosen here could be taken by another test's server before
    // Python binds it, and then the crawl would ask that server instead.
    let child = Command::new("python3")
        .args(["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory"])
        .arg(dir.path().join("www"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let Ok(child) = child else {
        assert!(std::env::var("GLOSSGEN_REQUIRE_BROWSER").is_err(), "python3 is required");
        eprintln!("skipped: python3 is not installed");
        return;
    };
    let mut server = Python(child);
    // "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ...", printed once it listens.
    let mut line = String::new();
    BufReader::new(server.0.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let port: u16 = line
        .split_once(" port ")
        .and_then(|(_, rest)| rest.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("the static server did not start: {line:?}"));

    let link_sel = Selector::parse("[href], [src], [data-index]").unwrap();
    let mut queue: VecDeque<String> =
        ["/glossary/", "/glossary/404.html", "/glossary/sitemap.xml"].map(String::from).into();
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let mut broken = Vec::new();
    while let Some(path) = queue.pop_front() {
        assert!(seen.len() < 2000, "crawl is bounded");
        let response = get(port, &path);
        if response.status != 200 {
            broken.push(format!("{path}: {}", response.status));
            continue;
        }
        if !path.ends_with('/') && !path.ends_with(".html") {
            continue;
        }
        let html = Html::parse_document(&response.body);
        for element in html.select(&link_sel) {
            for attr in ["href", "src", "data-index"] {
                let Some(value) = element.value().attr(attr) else { continue };
                if value.starts_with("http") || value.starts_with('#') || value.starts_with("mailto:") {
                    continue;
                }
                assert!(value.starts_with("/glossary/"), "{path}: internal link `{value}` ignores the sub-path");
                let target = value.split('#').next().unwrap().to_string();
                if seen.insert(target.clone()) {
                    queue.push_back(target);
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(seen.len() > 40, "crawled only {} addresses", seen.len());
    for must in
        ["/glossary/en/search-index.json", "/glossary/style.css", "/glossary/search.js", "/glossary/nl/atom.xml"]
    {
        assert!(seen.contains(must), "{must} was never linked");
    }

    let sitemap = get(port, "/glossary/sitemap.xml").body;
    assert!(sitemap.contains("<loc>https://example.org/glossary/en/overfitting/</loc>"));
    let feed = get(port, "/glossary/en/atom.xml").body;
    assert!(feed.contains("href=\"https://example.org/glossary/en/overfitting/\""), "{feed}");
    assert!(get(port, "/glossary/robots.txt").body.contains("Sitemap: https://example.org/glossary/sitemap.xml"));
}
