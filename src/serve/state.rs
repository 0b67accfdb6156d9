//! What the watcher thread and the HTTP handlers share: the current site, the current build error, and the
//! channel that tells open pages to reload.

use std::sync::{Arc, RwLock};

use tokio::sync::{broadcast, watch};

use crate::rebuild::Files;

/// A message to every open page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveEvent {
    /// These output files changed (`all`: any page may have).
    Reload {
        /// Changed output files (`en/overfitting/index.html`).
        paths: Vec<String>,
        /// Every page should reload.
        all: bool,
    },
    /// Only these stylesheets changed.
    Css(Vec<String>),
    /// The last save does not build; the text is what the terminal shows.
    BuildError(String),
    /// The site builds again.
    BuildOk,
}

impl LiveEvent {
    /// The Server-Sent Events name and JSON data of the event.
    pub fn to_sse(&self) -> (&'static str, String) {
        match self {
            LiveEvent::Reload { paths, all } => {
                ("reload", serde_json::json!({ "paths": paths, "all": all }).to_string())
            }
            LiveEvent::Css(paths) => ("css", serde_json::json!({ "paths": paths }).to_string()),
            LiveEvent::BuildError(message) => ("build-error", serde_json::json!({ "message": message }).to_string()),
            LiveEvent::BuildOk => ("build-ok", "{}".to_string()),
        }
    }
}

/// State shared between the watcher and the HTTP server.
pub struct Shared {
    site: RwLock<Arc<Files>>,
    error: RwLock<Option<String>>,
    /// Rebuild notifications for live-reload connections.
    pub events: broadcast::Sender<LiveEvent>,
    /// Becomes true on shutdown, ending live-reload connections.
    pub shutdown: watch::Receiver<bool>,
}

impl Shared {
    /// Empty state; `shutdown` ends live-reload streams when it turns true.
    pub fn new(shutdown: watch::Receiver<bool>) -> Self {
        let (events, _) = broadcast::channel(64);
        Shared { site: RwLock::new(Arc::new(Files::new())), error: RwLock::new(None), events, shutdown }
    }

    /// The site as it is now (cheap: shares the files).
    pub fn site(&self) -> Arc<Files> {
        self.site.read().map(|s| s.clone()).unwrap_or_default()
    }

    /// Publishes a new site and hands back the previous one, for the caller to free once the reload event
    /// is out (freeing 60,000 entries takes a couple of milliseconds).
    pub fn set_site(&self, files: Files) -> Option<Arc<Files>> {
        let mut site = self.site.write().ok()?;
        Some(std::mem::replace(&mut *site, Arc::new(files)))
    }

    /// The current build error, if the last save broke the build.
    pub fn error(&self) -> Option<String> {
        self.error.read().ok().and_then(|e| e.clone())
    }

    /// Records the outcome of a build and tells open pages.
    pub fn set_error(&self, error: Option<String>) {
        let event = match &error {
            Some(message) => LiveEvent::BuildError(message.clone()),
            None => LiveEvent::BuildOk,
        };
        let changed =
            self.error.write().map(|mut e| std::mem::replace(&mut *e, error.clone()) != error).unwrap_or(false);
        if changed || error.is_some() {
            let _ = self.events.send(event);
        }
    }

    /// Sends an event to every open page.
    pub fn notify(&self, event: LiveEvent) {
        let _ = self.events.send(event);
    }
}
