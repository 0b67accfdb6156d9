//! A running `glossgen serve` for tests, and a minimal HTTP client that sends exactly the bytes it is given
//! (real clients normalise `..` away, which would hide traversal bugs).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A `glossgen serve` child process, stopped when dropped.
pub struct Server {
    child: Child,
    /// The port it listens on.
    pub port: u16,
    /// Lines it printed to stdout after start.
    pub stdout: mpsc::Receiver<String>,
    /// Lines it printed to stderr.
    pub stderr: mpsc::Receiver<String>,
}

impl Server {
    /// Starts `glossgen serve --root <root> --port <port>` and waits until it says it is serving.
    pub fn start(root: &Path, port: u16) -> Server {
        Server::start_with(root, port, &[])
    }

    /// Like [`Server::start`], with extra arguments.
    pub fn start_with(root: &Path, port: u16, extra: &[&str]) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin!("glossgen"))
            .args(["serve", "--root", root.to_str().unwrap(), "--port", &port.to_string()])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = child.stderr.take().unwrap();
        let (err_tx, err_rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                eprintln!("[serve] {line}");
                let _ = err_tx.send(line);
            }
        });
        // Owned from here on, so the process is killed and reaped even if waiting for it fails.
        let mut server = Server { child, port: 0, stdout: rx, stderr: err_rx };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = server.stdout.recv_timeout(left).expect("the server did not say it is serving");
            if let Some(rest) =
                line.strip_prefix("Serving the site at http://").and_then(|r| r.split_once(':').map(|(_, p)| p))
            {
                server.port = rest.split('/').next().unwrap().parse().unwrap();
                return server;
            }
        }
    }

    /// Sends a raw request line (`GET /path`) and returns status, headers (lower-case names) and body.
    pub fn request(&self, method: &str, target: &str) -> Response {
        request(self.port, &format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
    }

    /// GET `target`.
    pub fn get(&self, target: &str) -> Response {
        self.request("GET", target)
    }

    /// Opens the live-reload stream.
    pub fn events(&self) -> EventStream {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .write_all(b"GET /__glossgen/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            .unwrap();
        stream.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
        let mut events = EventStream { reader: BufReader::new(stream), pending: String::new() };
        let status = events.line(Duration::from_secs(10)).expect("no response to the event stream");
        assert!(status.contains("200"), "{status}");
        while !events.line(Duration::from_secs(10)).unwrap().is_empty() {}
        events
    }

    /// The process id, to look at its memory.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends SIGINT (Ctrl-C) and waits for the process to exit.
    pub fn interrupt(mut self) -> std::process::ExitStatus {
        Command::new("kill").args(["-INT", &self.child.id().to_string()]).status().unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not stop after Ctrl-C");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A parsed HTTP response.
#[derive(Debug)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Header names (lower case) and values.
    pub headers: Vec<(String, String)>,
    /// The body, de-chunked.
    pub body: String,
}

impl Response {
    /// The first header named `name`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// Sends `raw` to the port and reads the whole response.
pub fn request(port: u16, raw: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    // Read until the connection closes or, for servers that keep it open, until Content-Length is met.
    let mut bytes = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = stream.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&buf[..n]);
        if let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&bytes[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            if length.is_some_and(|len| bytes.len() >= end + 4 + len) {
                break;
            }
        }
    }
    parse(&bytes)
}

fn parse(bytes: &[u8]) -> Response {
    let text = String::from_utf8_lossy(bytes);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines.next().unwrap_or_default().split(' ').nth(1).unwrap_or("0").parse().unwrap_or(0);
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let chunked = headers.iter().any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    let body = if chunked { dechunk(body) } else { body.to_string() };
    Response { status, headers, body }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}

/// An open Server-Sent Events stream.
pub struct EventStream {
    reader: BufReader<TcpStream>,
    pending: String,
}

impl EventStream {
    fn line(&mut self, timeout: Duration) -> Option<String> {
        let deadline = Instant::now() + timeout;
        loop {
            match self.reader.read_line(&mut self.pending) {
                Ok(0) => return None,
                Ok(_) if self.pending.ends_with('\n') => {
                    let line = std::mem::take(&mut self.pending);
                    return Some(line.trim_end_matches(['\r', '\n']).to_string());
                }
                Ok(_) => {}
                Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                    if Instant::now() > deadline {
                        return None;
                    }
                }
                Err(_) => return None,
            }
        }
    }

    /// Waits (up to `timeout`) for the next event named `name`; returns its data.
    pub fn wait_for(&mut self, name: &str, timeout: Duration) -> Option<String> {
        let deadline = Instant::now() + timeout;
        let mut current = String::new();
        while let Some(line) = self.line(deadline.saturating_duration_since(Instant::now())) {
            if let Some(event) = line.strip_prefix("event:") {
                current = event.trim().to_string();
            } else if let Some(data) = line.strip_prefix("data:")
                && current == name
            {
                return Some(data.trim().to_string());
            }
        }
        None
    }
}

/// A port that was free a moment ago (the server moves on to the next one if it is taken meanwhile).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}
