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

/// Edits to an entry's body, summary and title are patched into the open page: the page is not reloaded,
/// and the scroll position, the focused search box with its results and an open link preview stay. A
/// template change reloads the page.
#[test]
fn edits_are_patched_into_the_open_page_keeping_scroll_focus_and_previews() {
    let dir = common::site(None);
    let file = dir.path().join("content/en/overfitting.md");
    let original = std::fs::read_to_string(&file).unwrap();
    let text = original.replace(
        "Too close a fit.",
        "Too close a fit, unlike [open-source AI](@/open-source-ai.md).\n\nThe paragraph that gets edited.",
    );
    std::fs::write(&file, &text).unwrap();
    let server = Server::start(dir.path(), free_port());
    let url = format!("http://127.0.0.1:{}/en/overfitting/", server.port);
    let Some(mut browser) = Browser::open(&url) else { return };
    browser.wait_until("window.__glossgenLive === 'open'", WAIT);

    // The reader's state: a value of the page's own, a scrolled page, an open preview, a typed search.
    browser.eval("window.__marker = 7; document.body.style.minHeight = '5000px'");
    browser.eval("document.getElementById('search-input').focus()");
    browser.type_text("overf");
    browser.wait_until("!document.getElementById('search-results').hidden", WAIT);
    browser.eval("window.scrollTo(0, 321)");
    // The mouse rests on a glossary link, where it is after the scroll, so its preview is open.
    let point = browser.eval("(() => { const r = document.querySelector('.gloss > a').getClientRects()[0]; return [r.x + r.width / 2, r.y + r.height / 2]; })()");
    let (x, y) = (point[0].as_f64().unwrap(), point[1].as_f64().unwrap());
    browser.call("Input.dispatchMouseEvent", serde_json::json!({"type": "mouseMoved", "x": x, "y": y}));
    browser.wait_until("document.querySelector('.gloss').matches(':hover')", WAIT);
    assert_eq!(browser.eval("window.scrollY"), 321);
    let results = browser.eval("document.getElementById('search-results').children.length");

    let edits = [
        (
            text.replace("The paragraph that gets edited.", "The body was edited."),
            ".entry-body",
            "The body was edited.",
        ),
        (
            text.replace("summary: A model overfits", "summary: The summary was edited, and a model overfits"),
            "main",
            "The summary was edited",
        ),
        (text.replace("title: Overfitting", "title: Overfitting edited"), "h1", "Overfitting edited"),
    ];
    for (round, (edited, selector, expected)) in edits.into_iter().enumerate() {
        std::fs::write(&file, edited).unwrap();
        browser.wait_until(&format!("document.querySelector({selector:?}).textContent.includes({expected:?})"), WAIT);
        browser.wait_until(&format!("window.__glossgenPatches === {}", round + 1), WAIT);
        assert_eq!(browser.eval("window.__marker"), 7, "the page was reloaded for edit {round}");
        assert_eq!(browser.eval("window.scrollY"), 321, "scroll position after edit {round}");
        assert_eq!(browser.eval("document.activeElement.id"), "search-input", "focus after edit {round}");
        assert_eq!(browser.eval("document.getElementById('search-input').value"), "overf");
        assert_eq!(browser.eval("document.getElementById('search-results').children.length"), results);
        assert_eq!(
            browser.eval("document.querySelector('.gloss').matches(':hover')"),
            true,
            "preview after edit {round}"
        );
    }
    assert_eq!(browser.eval("document.title.startsWith('Overfitting edited')"), true);

    // A template change may change anything: the page reloads.
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("entry.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Own template</h1>{% endblock content %}",
    )
    .unwrap();
    browser.wait_until("document.querySelector('h1')?.textContent === 'Own template'", WAIT);
    assert_eq!(browser.eval("window.__marker === undefined"), true, "a template change should reload the page");
}
