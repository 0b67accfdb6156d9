//! Live reload in a real browser: an open page follows edits to the Markdown without the test reloading it.

use std::time::Duration;

use crate::common;
use crate::common::browser::Browser;
use crate::common::server::{Server, free_port};

const WAIT: Duration = Duration::from_secs(20);

#[test]
fn an_open_page_shows_the_edit_and_swaps_stylesheets_in_place() {
    let dir = common::site(None);
    std::fs::create_dir_all(dir.path().join("static")).unwrap();
    let server = Server::start(dir.path(), free_port());
    let url = format!("http://127.0.0.1:{}/en/overfitting/", server.port);
    let Some(mut browser) = Browser::open(&url) else { return };
    browser.wait_until("window.__glossgenLive === 'open'", WAIT);
    assert_eq!(browser.eval("document.querySelector('h1').textContent"), "Overfitting");

    let file = dir.path().join("content/en/overfitting.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("Too close a fit.", "Edited while the page was open.")).unwrap();
    browser.wait_until(
        "document.querySelector('.entry-body').textContent.includes('Edited while the page was open.')",
        WAIT,
    );

    // A stylesheet change is applied without reloading: a value set on the page survives it.
    browser.wait_until("window.__glossgenLive === 'open'", WAIT);
    browser.eval("window.__marker = 42");
    std::fs::write(dir.path().join("static/style.css"), "body { background-color: rgb(1, 2, 3); }").unwrap();
    browser.wait_until("getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'", WAIT);
    assert_eq!(browser.eval("window.__marker"), 42);

    // A mistake shows an overlay over the last good page; the fix removes it.
    std::fs::write(&file, text.replace("week: 2026-W06", "week: 2027-W53")).unwrap();
    browser.wait_until(
        "document.getElementById('glossgen-error-overlay')?.textContent.includes('2027 has 52 ISO weeks')",
        WAIT,
    );
    std::fs::write(&file, &text).unwrap();
    browser.wait_until("!document.getElementById('glossgen-error-overlay') && document.querySelector('.entry-body').textContent.includes('Too close a fit.')", WAIT);
}
