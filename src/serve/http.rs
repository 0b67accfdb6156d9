//! The development server's HTTP side: static files from memory, live-reload events, and strict checks on
//! every request path.
//!
//! The site is served from the in-memory build, so no request ever touches the file system; even so, paths
//! that try to climb out (`..`, encoded dots or slashes, backslashes, NUL bytes) are refused with 400.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};

use super::state::{LiveEvent, Shared};

/// Where pages find the live-reload script.
pub const SCRIPT_PATH: &str = "/__glossgen/livereload.js";
/// The Server-Sent Events stream of rebuilds.
pub const EVENTS_PATH: &str = "/__glossgen/events";
const SCRIPT: &str = include_str!("livereload.js");

/// Builds the router: one handler for everything, so method and path checks happen in one place.
pub fn router(shared: Arc<Shared>) -> axum::Router {
    axum::Router::new().fallback(handle).with_state(shared)
}

/// Why a request path was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum BadPath {
    /// Not valid percent-encoding or not UTF-8.
    Malformed,
    /// Tries to leave the site or smuggle separators.
    Traversal,
}

/// Decodes a request path into a site-relative path (`en/overfitting/`), refusing anything that could name a
/// file outside the site.
pub fn site_path(raw: &str) -> Result<String, BadPath> {
    if !raw.starts_with('/') || raw.starts_with("//") {
        return Err(BadPath::Traversal);
    }
    let bytes = raw.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(BadPath::Malformed)?;
            let text = std::str::from_utf8(hex).map_err(|_| BadPath::Malformed)?;
            let byte = u8::from_str_radix(text, 16).map_err(|_| BadPath::Malformed)?;
            if matches!(byte, b'/' | b'\\' | b'.' | 0) {
                return Err(BadPath::Traversal);
            }
            decoded.push(byte);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(decoded).map_err(|_| BadPath::Malformed)?;
    if path.contains(['\\', '\0']) || path.chars().any(char::is_control) {
        return Err(BadPath::Traversal);
    }
    let rest = &path[1..];
    if rest.split('/').any(|segment| segment == ".." || segment == "." || segment.contains(':')) {
        return Err(BadPath::Traversal);
    }
    Ok(rest.to_string())
}

/// The `Content-Type` of an output file.
pub fn content_type(path: &str) -> HeaderValue {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = mime.type_() == "text" || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml" | "svg");
    let value = if text { format!("{mime}; charset=utf-8") } else { mime.to_string() };
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("application/octet-stream"))
}

async fn handle(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = plain(StatusCode::METHOD_NOT_ALLOWED, "405 Method Not Allowed\n");
        response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let response = match uri.path() {
        EVENTS_PATH => events(shared).into_response(),
        SCRIPT_PATH => file_response(StatusCode::OK, "livereload.js", SCRIPT.as_bytes().to_vec()),
        raw => match site_path(raw) {
            Ok(path) => serve_file(&shared, raw, uri.query(), &path),
            Err(_) => plain(StatusCode::BAD_REQUEST, "400 Bad Request: the path is not allowed\n"),
        },
    };
    if method == Method::HEAD { strip_body(response) } else { response }
}

fn serve_file(shared: &Shared, raw: &str, query: Option<&str>, path: &str) -> Response {
    let site = shared.site();
    if site.is_empty() {
        let message = shared.error().unwrap_or_else(|| "The site is being built.".to_string());
        let page = format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>glossgen: build error</title></head><body><pre>{}</pre></body></html>",
            escape(&message)
        );
        return file_response(StatusCode::SERVICE_UNAVAILABLE, "error.html", inject(page.into_bytes()));
    }
    let file = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
    if let Some(bytes) = site.get(file.as_str()) {
        return file_response(StatusCode::OK, &file, bytes.to_vec());
    }
    if site.contains_key(format!("{path}/index.html").as_str()) {
        let location = match query {
            Some(q) => format!("{raw}/?{q}"),
            None => format!("{raw}/"),
        };
        let mut response = plain(StatusCode::MOVED_PERMANENTLY, "301 Moved Permanently\n");
        if let Ok(value) = HeaderValue::from_str(&location) {
            response.headers_mut().insert(header::LOCATION, value);
        }
        return response;
    }
    match site.get("404.html") {
        Some(bytes) => file_response(StatusCode::NOT_FOUND, "404.html", bytes.to_vec()),
        None => plain(StatusCode::NOT_FOUND, "404 Not Found\n"),
    }
}

fn file_response(status: StatusCode, file: &str, bytes: Vec<u8>) -> Response {
    let bytes = if file.ends_with(".html") { inject(bytes) } else { bytes };
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, content_type(file));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    response
}

/// Adds the live-reload script to an HTML page, just before `</body>`.
fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\" defer></script>\n");
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    response
}

fn strip_body(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    if let Some(len) = axum::body::HttpBody::size_hint(&body).exact() {
        parts.headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    }
    Response::from_parts(parts, Body::empty())
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// The live-reload stream: the current error (if any) at once, then one event per rebuild, until shutdown.
fn events(shared: Arc<Shared>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let first = shared.error().map(LiveEvent::BuildError);
    let receiver = shared.events.subscribe();
    let shutdown = shared.shutdown.clone();
    let stream = stream::unfold((first, receiver, shutdown), |(first, mut receiver, mut shutdown)| async move {
        if let Some(event) = first {
            return Some((Ok(sse(&event)), (None, receiver, shutdown)));
        }
        if *shutdown.borrow() {
            return None;
        }
        let event = tokio::select! {
            message = receiver.recv() => match message {
                Ok(event) => event,
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                    LiveEvent::Reload { paths: Vec::new(), all: true }
                }
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
            },
            _ = shutdown.changed() => return None,
        };
        Some((Ok(sse(&event)), (None, receiver, shutdown)))
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn sse(event: &LiveEvent) -> Event {
    let (name, data) = event.to_sse();
    Event::default().event(name).data(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_paths() {
        assert_eq!(site_path("/").unwrap(), "");
        assert_eq!(site_path("/en/overfitting/").unwrap(), "en/overfitting/");
        assert_eq!(site_path("/nl/%C3%A9%C3%A9n/").unwrap(), "nl/één/");
    }

    #[test]
    fn refuses_every_way_out() {
        for bad in [
            "/../etc/passwd",
            "/en/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/..%2f..%2fetc/passwd",
            "/en%5c..%5c..%5cetc",
            "/en\\..\\..\\etc",
            "/a%00b",
            "//etc/passwd",
            "/C:/Windows",
            "/./en/",
            "/%zz",
            "/%c3",
        ] {
            assert!(site_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn content_types_carry_a_charset_for_text() {
        assert_eq!(content_type("en/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "text/xml; charset=utf-8");
        assert_eq!(content_type("livereload.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("logo.png"), "image/png");
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let html = inject(b"<html><body>x</body></html>".to_vec());
        assert_eq!(
            String::from_utf8(html).unwrap(),
            format!("<html><body>x<script src=\"{SCRIPT_PATH}\" defer></script>\n</body></html>")
        );
    }
}
