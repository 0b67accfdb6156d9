//! Watching the site's source folders and rebuilding on every save.
//!
//! notify's debouncer collapses the bursts editors produce (write to a temporary file, rename over the
//! original, touch a swap file) into one batch of paths; the batch goes to [`Workspace::rebuild`], and the
//! outcome to the open pages.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use super::state::{LiveEvent, Shared};
use crate::rebuild::paths::{PathKind, WATCHED, classify};
use crate::rebuild::{Files, Outcome, Workspace};
use crate::{BuildOptions, Report};

/// Builds the site, publishes it, then rebuilds on every change until `stop` is dropped.
pub fn run(options: BuildOptions, shared: Arc<Shared>, ready: mpsc::Sender<()>, stop: mpsc::Receiver<()>) {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let root = options.root.clone();
    let debouncer = new_debouncer(Duration::from_millis(15), None, tx);
    let mut debouncer = match debouncer {
        Ok(d) => d,
        Err(e) => {
            eprintln!("warning: cannot watch the site for changes ({e}); serving without live reload");
            let _ = first_build(&options, &shared);
            let _ = ready.send(());
            let _ = stop.recv();
            return;
        }
    };
    let _ = debouncer.watch(&root, RecursiveMode::NonRecursive);
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            let _ = debouncer.watch(&path, RecursiveMode::Recursive);
        }
    }
    let mut workspace = first_build(&options, &shared);
    let _ = ready.send(());

    loop {
        if !matches!(stop.try_recv(), Err(mpsc::TryRecvError::Empty)) {
            return;
        }
        let batch = match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(Ok(events)) => events,
            Ok(Err(errors)) => {
                for e in errors {
                    eprintln!("warning: watching: {e}");
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        let mut paths: Vec<PathBuf> = Vec::new();
        for event in batch {
            if matches!(event.kind, EventKind::Access(_)) {
                continue;
            }
            for path in &event.paths {
                // A source folder created after start (e.g. templates/) is watched from now on.
                if path.parent() == Some(root.as_path()) && path.is_dir() {
                    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                    if WATCHED.contains(&name) {
                        let _ = debouncer.watch(path, RecursiveMode::Recursive);
                    }
                }
                if relevant(&options, workspace.as_ref(), path) && !paths.contains(path) {
                    paths.push(path.clone());
                }
            }
        }
        if paths.is_empty() {
            continue;
        }
        rebuild(&options, &mut workspace, &paths, &shared);
    }
}

/// True for paths that can change the site (see [`classify`]).
fn relevant(options: &BuildOptions, workspace: Option<&Workspace>, path: &Path) -> bool {
    let kind = match workspace {
        Some(ws) => ws.classify(path),
        // No site yet (the first build failed): the default output folder is still not a source.
        None => classify(&options.root, &options.root.join("public"), path),
    };
    kind != PathKind::Ignored
}

fn first_build(options: &BuildOptions, shared: &Shared) -> Option<Workspace> {
    let started = Instant::now();
    match Workspace::new(options.clone()) {
        Ok((workspace, warnings)) => {
            for w in &warnings {
                eprintln!("{w}");
            }
            println!("Built {} files in {} ms", workspace.files().len(), started.elapsed().as_millis());
            crate::messages::report_outdated(&workspace.outdated_translations(), false);
            shared.set_site(workspace.files().clone());
            shared.set_error(None);
            Some(workspace)
        }
        Err(report) => {
            report_error(shared, &report);
            None
        }
    }
}

fn rebuild(options: &BuildOptions, workspace: &mut Option<Workspace>, paths: &[PathBuf], shared: &Shared) {
    let Some(ws) = workspace else {
        if let Some(ws) = first_build(options, shared) {
            *workspace = Some(ws);
            shared.notify(LiveEvent::Reload { paths: Vec::new(), all: true });
        }
        return;
    };
    let started = Instant::now();
    // A renamed entry's page may go out before the rest of the rebuild; not while an error is shown, which
    // only a complete rebuild can clear.
    let showing_error = shared.error().is_some();
    let mut early: Option<(Files, Vec<String>)> = None;
    let result = ws.rebuild_previewing(paths, &mut |files, pages| {
        if showing_error {
            return;
        }
        let previous = shared.set_site(files.clone());
        shared.notify(LiveEvent::Reload { paths: pages.clone(), all: false });
        drop(previous);
        early = Some((files, pages));
    });
    match result {
        Ok(outcome) => {
            let elapsed = started.elapsed().as_millis();
            let had_error = shared.error().is_some();
            let event = match outcome {
                Outcome::Unchanged if had_error => {
                    println!("The site builds again ({elapsed} ms)");
                    Some(LiveEvent::Reload { paths: Vec::new(), all: true })
                }
                Outcome::Unchanged => {
                    early.as_ref().map(|(_, pages)| LiveEvent::Reload { paths: pages.clone(), all: false })
                }
                Outcome::Pages(mut pages) => {
                    println!("Rebuilt {} file(s) in {elapsed} ms", pages.len());
                    // Pages that went out early as they are now need not be fetched again.
                    if let Some((files, _)) = &early {
                        pages.retain(|p| files.get(p) != ws.files().get(p));
                    }
                    (!pages.is_empty()).then_some(LiveEvent::Reload { paths: pages, all: false })
                }
                Outcome::Stylesheets(sheets) => {
                    println!("Updated {} stylesheet(s) in {elapsed} ms", sheets.len());
                    Some(LiveEvent::Css(sheets))
                }
                Outcome::Everything => {
                    println!("Rebuilt the whole site in {elapsed} ms");
                    Some(LiveEvent::Reload { paths: Vec::new(), all: true })
                }
            };
            // The new site is published before the all-clear and the reload go out: a page that acts on
            // either at once must get the new files.
            let publish = event.is_some() || early.is_some();
            let previous = publish.then(|| shared.set_site(ws.files().clone())).flatten();
            shared.set_error(None);
            if let Some(event) = event {
                shared.notify(event);
                drop(previous);
                crate::messages::report_outdated(&ws.outdated_translations(), false);
            }
        }
        Err(report) => {
            // What went out early goes back to the last good build.
            if early.is_some() {
                shared.set_site(ws.files().clone());
            }
            report_error(shared, &report);
            if let Some((_, pages)) = early {
                shared.notify(LiveEvent::Reload { paths: pages, all: false });
            }
        }
    }
}

fn report_error(shared: &Shared, report: &Report) {
    eprintln!("{report}");
    eprintln!("The last good build is still being served.");
    shared.set_error(Some(report.to_string()));
}
