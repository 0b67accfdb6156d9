//! Headless Chromium driven through the DevTools protocol, for tests that need a real browser.
//!
//! Where Chromium is not installed the browser tests are skipped with a message, unless
//! `GLOSSGEN_REQUIRE_BROWSER=1` is set (CI sets it), in which case they fail.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// A headless Chromium with one page open, killed when dropped.
pub struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    _profile: tempfile::TempDir,
}

fn chromium() -> Option<String> {
    ["chromium", "chromium-browser", "google-chrome"].into_iter().find_map(|name| {
        let found = Command::new("sh").args(["-c", &format!("command -v {name}")]).output().ok()?;
        found.status.success().then(|| String::from_utf8_lossy(&found.stdout).trim().to_string())
    })
}

impl Browser {
    /// Opens `url` in headless Chromium; `None` (after saying so) when Chromium is not installed.
    pub fn open(url: &str) -> Option<Browser> {
        let Some(binary) = chromium() else {
            assert!(std::env::var("GLOSSGEN_REQUIRE_BROWSER").is_err(), "Chromium is required but not installed");
            eprintln!("skipped: Chromium is not installed (apt-get install chromium)");
            return None;
        };
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                "--window-size=1200,900",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, rx) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(at) = line.find("ws://") {
                    let _ = tx.send(line[at..].trim().to_string());
                }
            }
        });
        let browser_ws = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(url) => url,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("Chromium did not open its DevTools port");
            }
        };
        let port: u16 = browser_ws["ws://127.0.0.1:".len()..].split('/').next().unwrap().parse().unwrap();
        let page_ws = page_socket(port);
        let (socket, _) = tungstenite::connect(page_ws.as_str()).unwrap();
        let mut browser = Browser { child, socket, next_id: 0, _profile: profile };
        // The page target starts as about:blank; wait for the requested page itself.
        browser.wait_until(
            "location.href !== 'about:blank' && document.readyState === 'complete'",
            Duration::from_secs(30),
        );
        Some(browser)
    }

    /// Calls a DevTools protocol method and returns its result.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let call = json!({"id": id, "method": method, "params": params});
        self.socket.send(Message::text(call.to_string())).unwrap();
        loop {
            let message = self.socket.read().unwrap();
            let Ok(text) = message.to_text() else { continue };
            let Ok(reply) = serde_json::from_str::<Value>(text) else { continue };
            if reply["id"] == id {
                return reply["result"].clone();
            }
        }
    }

    /// Evaluates a JavaScript expression in the page and returns its value.
    pub fn eval(&mut self, expression: &str) -> Value {
        let params = json!({"expression": expression, "returnByValue": true, "awaitPromise": true});
        self.call("Runtime.evaluate", params)["result"]["value"].clone()
    }

    /// Loads `url` in the page and waits until it has finished loading.
    pub fn navigate(&mut self, url: &str) {
        self.call("Page.navigate", json!({ "url": url }));
        let done = format!("document.readyState === 'complete' && location.href === {url:?}");
        self.wait_until(&done, Duration::from_secs(30));
    }

    /// Types text into the focused element, one key event per character, as a person would.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.call(
                "Input.dispatchKeyEvent",
                json!({"type": "keyDown", "text": c.to_string(), "key": c.to_string()}),
            );
            self.call("Input.dispatchKeyEvent", json!({"type": "keyUp", "key": c.to_string()}));
        }
    }

    /// Moves the mouse onto the first element matching `selector` (scrolling it into view), at the centre of
    /// its first line box, so a link that wraps over two lines is still hit.
    pub fn hover(&mut self, selector: &str) {
        let js = format!(
            "(() => {{ const e = document.querySelector({selector:?}); e.scrollIntoView({{block: 'center', behavior: 'instant'}}); const r = e.getClientRects()[0]; return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
        );
        let point = self.eval(&js);
        let (x, y) = (point[0].as_f64().unwrap(), point[1].as_f64().unwrap());
        self.call("Input.dispatchMouseEvent", json!({"type": "mouseMoved", "x": x, "y": y}));
    }

    /// Presses a key (`Tab`, `Enter`, `ArrowDown`...) as a keyboard would.
    pub fn press(&mut self, key: &str) {
        let code = match key {
            "Tab" => 9,
            "Enter" => 13,
            "Escape" => 27,
            "ArrowUp" => 38,
            "ArrowDown" => 40,
            _ => 0,
        };
        for kind in ["keyDown", "keyUp"] {
            let text = if key == "Enter" && kind == "keyDown" { "\r" } else { "" };
            let params = json!({"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code, "text": text});
            self.call("Input.dispatchKeyEvent", params);
        }
    }

    /// Evaluates `expression` until it is `true` (the page may reload meanwhile); panics after `timeout`.
    pub fn wait_until(&mut self, expression: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        let guarded = format!("(() => {{ try {{ return !!({expression}); }} catch (e) {{ return false; }} }})()");
        while self.eval(&guarded) != Value::Bool(true) {
            assert!(Instant::now() < deadline, "timed out waiting for: {expression}");
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

/// The DevTools WebSocket address of the first page target, waiting until the page exists.
fn page_socket(port: u16) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let response = super::server::request(
            port,
            &format!("GET /json/list HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"),
        );
        if let Ok(Value::Array(targets)) = serde_json::from_str::<Value>(&response.body)
            && let Some(url) =
                targets.iter().find(|t| t["type"] == "page").and_then(|t| t["webSocketDebuggerUrl"].as_str())
        {
            return url.to_string();
        }
        assert!(Instant::now() < deadline, "Chromium has no page target");
        std::thread::sleep(Duration::from_millis(50));
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
