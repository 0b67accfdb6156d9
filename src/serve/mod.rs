//! `glossgen serve`: a live preview that rebuilds on save and refreshes open pages.
//!
//! The site is built into memory ([`crate::rebuild::Workspace`]) and served from there by [`http`]; a watcher
//! thread ([`watch`]) rebuilds after every save and tells open pages through Server-Sent Events which files
//! changed. Links in served pages point at the local server.

pub mod http;
pub mod state;
pub mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, mpsc};

use crate::BuildOptions;
use state::Shared;

/// What `glossgen serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Address to listen on (loopback unless asked otherwise).
    pub bind: IpAddr,
    /// First port to try.
    pub port: u16,
    /// Open the site in a browser once it is ready.
    pub open: bool,
    /// Include drafts.
    pub drafts: bool,
}

/// How many ports after the requested one to try when it is taken.
const PORT_ATTEMPTS: u16 = 20;

/// Serves the site until Ctrl-C.
pub fn run(options: ServeOptions) -> Result<(), String> {
    if options.bind.is_unspecified() {
        eprintln!(
            "warning: listening on all interfaces ({}): anyone on your network can read the preview. \
             Use --bind 127.0.0.1 to keep it private.",
            options.bind
        );
    }
    let listener = bind(options.bind, options.port)?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    if address.port() != options.port {
        eprintln!("note: port {} is in use; using port {} instead", options.port, address.port());
    }
    let url = format!("http://{}/", display_host(address));
    // Watchers report absolute paths; compare them with an absolute root.
    let root = options
        .root
        .canonicalize()
        .map_err(|e| format!("cannot open the site folder {}: {e}", options.root.display()))?;
    let build = BuildOptions {
        base_url: Some(url.clone()),
        drafts: options.drafts,
        ..BuildOptions { root, ..Default::default() }
    };

    let (shutdown_tx, shutdown_rx) = tokio::sync::watch::channel(false);
    let shared = Arc::new(Shared::new(shutdown_rx));
    let (ready_tx, ready_rx) = mpsc::channel();
    let (stop_tx, stop_rx) = mpsc::channel::<()>();
    let watcher_shared = shared.clone();
    let watcher = std::thread::spawn(move || watch::run(build, watcher_shared, ready_tx, stop_rx));
    let _ = ready_rx.recv();

    println!("Serving the site at {url} (Ctrl-C to stop)");
    if options.open {
        open_browser(&url);
    }

    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    let result = runtime.block_on(async move {
        listener.set_nonblocking(true).map_err(|e| e.to_string())?;
        let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| e.to_string())?;
        let app = http::router(shared);
        let shutdown = async move {
            let _ = tokio::signal::ctrl_c().await;
            let _ = shutdown_tx.send(true);
        };
        axum::serve(listener, app).with_graceful_shutdown(shutdown).await.map_err(|e| e.to_string())
    });
    drop(stop_tx);
    let _ = watcher.join();
    println!("Stopped.");
    result
}

fn bind(ip: IpAddr, port: u16) -> Result<TcpListener, String> {
    let mut last_error = None;
    for offset in 0..PORT_ATTEMPTS {
        let Some(candidate) = port.checked_add(offset) else {
            break;
        };
        match TcpListener::bind(SocketAddr::new(ip, candidate)) {
            Ok(listener) => return Ok(listener),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last_error = Some(e),
            Err(e) => return Err(format!("cannot listen on {ip}:{candidate}: {e}")),
        }
    }
    Err(format!(
        "ports {port} to {} on {ip} are all in use ({}); pass another with --port",
        port.saturating_add(PORT_ATTEMPTS - 1),
        last_error.map(|e| e.to_string()).unwrap_or_default()
    ))
}

fn display_host(address: SocketAddr) -> String {
    match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => format!("127.0.0.1:{}", address.port()),
        IpAddr::V6(ip) if ip.is_unspecified() => format!("[::1]:{}", address.port()),
        _ => address.to_string(),
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("note: could not open a browser; visit {url}");
    }
}
