//! A small Language Server Protocol client: runs `glossgen lsp` and speaks JSON-RPC with it over its
//! stdin and stdout, as an editor does, and applies the workspace edits it answers with.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long an answer may take before the test fails (a guard against a hung server, not a wait).
const PATIENCE: Duration = Duration::from_secs(60);

/// A running `glossgen lsp` and the messages it sent that nobody asked for yet.
pub struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Notifications received while waiting for something else.
    pub notifications: Vec<Value>,
    next_id: i64,
    /// The site folder.
    pub root: PathBuf,
}

/// The `file://` URI of `rel` under `root`, as editors write them.
pub fn uri(root: &Path, rel: &str) -> String {
    let path = root.canonicalize().unwrap().join(rel);
    let mut out = String::from("file://");
    for b in path.to_str().unwrap().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The path a `file://` URI names.
pub fn path_of(uri: &str) -> PathBuf {
    let raw = uri.strip_prefix("file://").unwrap().as_bytes();
    let mut bytes = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' {
            bytes.push(u8::from_str_radix(std::str::from_utf8(&raw[i + 1..i + 3]).unwrap(), 16).unwrap());
            i += 3;
        } else {
            bytes.push(raw[i]);
            i += 1;
        }
    }
    PathBuf::from(String::from_utf8(bytes).unwrap())
}

/// The byte offset of an LSP position (UTF-16 columns) in `text`.
pub fn offset(text: &str, position: &Value) -> usize {
    let (line, character) = (position["line"].as_u64().unwrap() as usize, position["character"].as_u64().unwrap());
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (at, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + at;
        }
        units += c.len_utf16() as u64;
    }
    text.len()
}

/// The LSP position (UTF-16 columns) of the first occurrence of `needle` in `text`, plus `extra` characters.
pub fn position_of(text: &str, needle: &str, extra: usize) -> Value {
    let at = text.find(needle).unwrap_or_else(|| panic!("`{needle}` not in the text"));
    let at = at + text[at..].chars().take(extra).map(char::len_utf8).sum::<usize>();
    let before = &text[..at];
    let line = before.matches('\n').count();
    let column: usize = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().map(char::len_utf16).sum();
    json!({ "line": line, "character": column })
}

impl Client {
    /// Starts the server on `root` and completes the `initialize` handshake.
    pub fn start(root: &Path) -> Client {
        Client::spawn(
            root,
            Command::new(assert_cmd::cargo::cargo_bin!("glossgen")).args(["lsp", "--root", root.to_str().unwrap()]),
        )
    }

    /// Starts the server in the folder `root` without naming it, as an editor started in the site does.
    pub fn start_in(root: &Path) -> Client {
        Client::spawn(root, Command::new(assert_cmd::cargo::cargo_bin!("glossgen")).arg("lsp").current_dir(root))
    }

    fn spawn(root: &Path, command: &mut Command) -> Client {
        let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("every message has a Content-Length")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let message: Value = serde_json::from_slice(&body).expect("every message is JSON");
                if send.send(message).is_err() {
                    return;
                }
            }
        });
        let mut client =
            Client { child, stdin, incoming, notifications: Vec::new(), next_id: 0, root: root.to_path_buf() };
        let init = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "capabilities": { "workspace": { "workspaceEdit": { "documentChanges": true } } },
            }),
        );
        assert_eq!(init["result"]["serverInfo"]["name"], "glossgen", "{init}");
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: Value) {
        let body = serde_json::to_string(&message).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    /// Sends a notification.
    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn receive(&mut self, deadline: Instant) -> Value {
        match self.incoming.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => panic!("the server sent nothing in {PATIENCE:?}"),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        }
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let deadline = Instant::now() + PATIENCE;
        loop {
            let message = self.receive(deadline);
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return message;
            }
            self.notifications.push(message);
        }
    }

    /// The result of a request that must succeed.
    pub fn ask(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        assert!(response.get("error").is_none(), "{method} failed: {response}");
        response["result"].clone()
    }

    /// Waits for the diagnostics of `uri` that satisfy `wanted` (earlier ones are skipped) and returns them.
    pub fn diagnostics(&mut self, uri: &str, wanted: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let deadline = Instant::now() + PATIENCE;
        let mut seen = std::mem::take(&mut self.notifications).into_iter();
        loop {
            let message = match seen.next() {
                Some(m) => m,
                None => self.receive(deadline),
            };
            if message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri {
                let list = message["params"]["diagnostics"].as_array().cloned().unwrap_or_default();
                if wanted(&list) {
                    self.notifications.extend(seen);
                    return list;
                }
            }
        }
    }

    /// Opens a document with `text`.
    pub fn open(&mut self, rel: &str, text: &str) {
        let uri = uri(&self.root, rel);
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
        );
    }

    /// Replaces a document's whole text (unsaved).
    pub fn change(&mut self, rel: &str, version: i64, text: &str) {
        let uri = uri(&self.root, rel);
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }

    /// `textDocument/<method>` at the position of `needle` (+`extra` characters) in the file `rel` with
    /// text `text`.
    pub fn at(&mut self, method: &str, rel: &str, text: &str, needle: &str, extra: usize, more: Value) -> Value {
        let mut params = json!({
            "textDocument": { "uri": uri(&self.root, rel) },
            "position": position_of(text, needle, extra),
        });
        if let (Some(params), Some(more)) = (params.as_object_mut(), more.as_object()) {
            params.extend(more.clone());
        }
        self.ask(&format!("textDocument/{method}"), params)
    }

    /// Says goodbye as an editor does and checks the server leaves cleanly.
    pub fn shutdown(mut self) {
        let response = self.request("shutdown", Value::Null);
        assert!(response.get("error").is_none(), "{response}");
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "the server exited with {status}");
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Applies a workspace edit to the files on disk, as an editor would: renames, creations, deletions and
/// text edits (UTF-16 positions), in order.
pub fn apply(edit: &Value) {
    for change in edit["documentChanges"].as_array().expect("edits come as documentChanges") {
        match change["kind"].as_str() {
            Some("rename") => {
                let (from, to) =
                    (path_of(change["oldUri"].as_str().unwrap()), path_of(change["newUri"].as_str().unwrap()));
                assert!(!to.exists(), "a rename onto {}", to.display());
                std::fs::rename(from, to).unwrap();
            }
            Some("create") => {
                let path = path_of(change["uri"].as_str().unwrap());
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, "").unwrap();
            }
            Some("delete") => std::fs::remove_file(path_of(change["uri"].as_str().unwrap())).unwrap(),
            _ => {
                let path = path_of(change["textDocument"]["uri"].as_str().unwrap());
                let mut text = std::fs::read_to_string(&path).unwrap();
                let mut edits: Vec<&Value> = change["edits"].as_array().unwrap().iter().collect();
                // Later edits first, so earlier positions stay valid.
                edits.sort_by_key(|e| std::cmp::Reverse(offset(&text, &e["range"]["start"])));
                for e in edits {
                    let (start, end) = (offset(&text, &e["range"]["start"]), offset(&text, &e["range"]["end"]));
                    text.replace_range(start..end, e["newText"].as_str().unwrap());
                }
                std::fs::write(&path, text).unwrap();
            }
        }
    }
}
