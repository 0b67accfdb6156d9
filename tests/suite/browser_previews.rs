//! On the bundled glossary, in a real browser: auto-linked mentions are links, and their previews appear on
//! hover and on keyboard focus.

use std::path::Path;
use std::time::Duration;

use crate::common::browser::Browser;
use crate::common::server::{Server, free_port};

#[test]
fn previews_appear_on_hover_and_keyboard_focus() {
    let server = Server::start(Path::new(env!("CARGO_MANIFEST_DIR")), free_port());
    let url = format!("http://127.0.0.1:{}/en/transformer/", server.port);
    let Some(mut browser) = Browser::open(&url) else { return };
    browser.wait_until("document.querySelector('.gloss-auto') !== null", Duration::from_secs(20));

    // An auto-linked mention: its preview is hidden until the pointer is on it.
    let tip_of = |sel: &str| {
        format!("document.getElementById(document.querySelector({sel:?}).getAttribute('aria-describedby'))")
    };
    let auto = tip_of(".entry-body .gloss-auto");
    assert_eq!(browser.eval(&format!("getComputedStyle({auto}).display")), "none");
    // Hover (again, if layout was still settling) until the preview shows; bounded.
    let shown = format!("getComputedStyle({auto}).display === 'block'");
    let mut visible = false;
    for _ in 0..20 {
        browser.hover(".entry-body .gloss-auto");
        if browser.eval(&shown) == true {
            visible = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(visible, "the preview shows while the pointer is on the link");
    let text = browser.eval(&format!("{auto}.textContent"));
    let target = browser.eval("document.querySelector('.entry-body .gloss-auto').getAttribute('href')");
    assert!(!text.as_str().unwrap().is_empty(), "{target}: empty preview");

    // Keyboard: tab to the first glossary link in the body; its preview shows while it has focus.
    browser.hover("h1");
    browser.eval("document.querySelector('h1').setAttribute('tabindex', '-1'); document.querySelector('h1').focus()");
    let mut focused_tip = false;
    for _ in 0..60 {
        browser.press("Tab");
        if browser.eval("document.activeElement.matches('.entry-body .gloss-link')") == true {
            let tip = "document.getElementById(document.activeElement.getAttribute('aria-describedby'))";
            focused_tip = browser.eval(&format!("getComputedStyle({tip}).display")) == "block";
            break;
        }
    }
    assert!(focused_tip, "a focused glossary link shows its preview");
}
