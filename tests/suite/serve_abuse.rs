//! The dev server under load and abuse, over real sockets, bounded in count and time: it answers or refuses
//! correctly and stays up.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::common;
use crate::common::server::{Server, free_port, request};

fn started() -> (tempfile::TempDir, Server) {
    let dir = common::site(None);
    let server = Server::start(dir.path(), free_port());
    (dir, server)
}

fn still_up(server: &Server) {
    assert_eq!(server.get("/en/overfitting/").status, 200, "the server must stay up");
}

/// Sends raw bytes and returns the status code, or 0 if the server closed the connection without one.
fn status_of(port: u16, raw: &[u8]) -> u16 {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ = stream.write_all(raw);
    let mut buf = [0u8; 64];
    match stream.read(&mut buf) {
        Ok(n) if n > 12 => String::from_utf8_lossy(&buf[9..12]).parse().unwrap_or(0),
        _ => 0,
    }
}

#[test]
fn oversized_request_lines_and_headers_are_refused() {
    let (_dir, server) = started();
    let long_line = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(200_000));
    let status = status_of(server.port, long_line.as_bytes());
    assert!(matches!(status, 0 | 400 | 414 | 431), "long request line: {status}");
    // The server buffers about 400 KB of request head, plus at most one more read: a head that arrives whole
    // within that may still be served, so the header here is well beyond it.
    let big_header = format!("GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n", "b".repeat(2_000_000));
    let status = status_of(server.port, big_header.as_bytes());
    assert!(matches!(status, 0 | 400 | 431), "huge header: {status}");
    let many_headers: String = (0..2000).map(|i| format!("X-{i}: v\r\n")).collect();
    let status = status_of(server.port, format!("GET / HTTP/1.1\r\nHost: x\r\n{many_headers}\r\n").as_bytes());
    assert!(matches!(status, 0 | 400 | 431), "too many headers: {status}");
    assert_eq!(status_of(server.port, b"NONSENSE\r\n\r\n"), 400);
    still_up(&server);
}

#[test]
fn a_slow_client_does_not_block_others() {
    let (_dir, server) = started();
    let port = server.port;
    let slow = std::thread::spawn(move || {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        for byte in b"GET /en/ HTTP/1.1\r\nHost: x\r\n" {
            if stream.write_all(&[*byte]).is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    for _ in 0..20 {
        let started = Instant::now();
        still_up(&server);
        assert!(started.elapsed() < Duration::from_secs(2), "a request waited on the slow client");
    }
    slow.join().unwrap();
}

#[test]
fn five_hundred_concurrent_requests_are_all_served() {
    let (_dir, server) = started();
    let port = server.port;
    let threads: Vec<_> = (0..500)
        .map(|i| {
            std::thread::spawn(move || {
                let path = ["/en/overfitting/", "/nl/", "/style.css", "/en/search-index.json"][i % 4];
                request(port, &format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).status
            })
        })
        .collect();
    let statuses: Vec<u16> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    assert!(statuses.iter().all(|&s| s == 200), "{:?}", statuses.iter().filter(|&&s| s != 200).collect::<Vec<_>>());
}

#[test]
fn clients_that_hang_up_mid_response_do_no_harm() {
    let (_dir, server) = started();
    for _ in 0..50 {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        stream.write_all(b"GET /en/ HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut buf = [0u8; 100];
        let _ = stream.read(&mut buf);
        drop(stream);
    }
    still_up(&server);
}

fn resident_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

#[test]
fn many_live_reload_connections_are_served_in_bounded_memory() {
    let (dir, server) = started();
    let before = resident_kb(server.pid());
    let mut streams: Vec<_> = (0..200).map(|_| server.events()).collect();
    still_up(&server);
    let file = dir.path().join("content/en/overfitting.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("Too close a fit.", "Seen by every open page.")).unwrap();
    for stream in streams.iter_mut().step_by(20) {
        assert!(stream.wait_for("reload", Duration::from_secs(20)).is_some(), "an open page missed the reload");
    }
    let after = resident_kb(server.pid());
    assert!(after < before + 200 * 1024, "memory grew from {before} kB to {after} kB");
    drop(streams);
    still_up(&server);
}

#[test]
fn listens_on_loopback_and_warns_about_all_interfaces() {
    let dir = common::site(None);
    let server = Server::start(dir.path(), free_port());
    assert!(server.get("/").status == 200);
    let open = Server::start_with(dir.path(), free_port(), &["--bind", "0.0.0.0"]);
    let warning = open.stderr.recv_timeout(Duration::from_secs(10)).unwrap_or_default();
    assert!(warning.contains("warning: listening on all interfaces"), "{warning}");
}
