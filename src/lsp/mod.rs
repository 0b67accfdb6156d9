//! `glossgen lsp`: a Language Server Protocol server over stdio for the entry files of a site.
//!
//! The server keeps the site in a [`Workspace`] that renders no pages: the same load, link and body stages
//! as a build, brought up to date after each edit by the page-dependency model `serve` uses, with the
//! editor's unsaved buffers read instead of the disk. After a pause in typing ([`DEBOUNCE`]) the edited
//! files are analysed again and the findings of every file they changed are sent ([`report`]). Questions
//! (completion, hover, definition, references, symbols) are answered from the site as last analysed and the
//! buffer's current text ([`cursor`], [`answers`], [`complete`]); at start, those that need only names and
//! files are answered as soon as the site is linked, while the bodies render. Rename is `glossgen mv` as a workspace
//! edit, and code actions write what `new`, `translations --stamp` and a hand edit of `related` would
//! ([`actions`]).

mod actions;
mod answers;
mod complete;
pub mod cursor;
mod findings;
mod report;
pub mod text;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{notification as note, request as req};

use crate::diagnostics::Diagnostic;
use crate::rebuild::Workspace;
use crate::types::{EntryIndex, LangPos};
use crate::{BuildOptions, Report};
use text::Encoding;

/// How long typing must pause before the edited files are analysed again.
pub const DEBOUNCE: Duration = Duration::from_millis(120);

/// Runs the server on stdin/stdout until the client says `exit`; returns the process's exit code.
pub fn run(root: Option<PathBuf>) -> u8 {
    let (connection, io) = Connection::stdio();
    let code = match serve(&connection, root) {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("glossgen lsp: {message}");
            1
        }
    };
    drop(connection);
    let _ = io.join();
    code
}

fn serve(connection: &Connection, root: Option<PathBuf>) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: lsp_types::InitializeParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
    let utf8 = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&lsp_types::PositionEncodingKind::UTF8));
    let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
    let root = root
        .or_else(|| {
            let folder = params.workspace_folders.as_ref()?.first()?;
            text::path_of(&folder.uri)
        })
        .unwrap_or_else(|| PathBuf::from("."));
    let result = serde_json::json!({
        "capabilities": capabilities(encoding),
        "serverInfo": { "name": "glossgen", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let indexing = match Workspace::index_for_analysis(BuildOptions { root: root.clone(), ..BuildOptions::default() }) {
        Ok(indexing) => indexing,
        Err(report) => return failed_start(connection, &root, &report),
    };
    // Names and files answer completion, hover and definition at once; the bodies render meanwhile.
    let (glossary, root) = (indexing.glossary().clone(), indexing.root().to_path_buf());
    let (sender, ready) = crossbeam_channel::bounded(1);
    std::thread::spawn(move || {
        let _ = sender.send(indexing.finish());
    });
    let mut server = Server::new(connection, State::Indexing { glossary, ready }, root.clone(), encoding);
    let entries = server.glossary().entries.len();
    server.log(&format!("linked {entries} entries in {} ms", started.elapsed().as_millis()));
    if !server.wait_for_bodies()? {
        return Ok(());
    }
    server.log(&format!("indexed {entries} entries in {} ms", started.elapsed().as_millis()));
    server.run()
}

/// The site cannot be loaded at all (no `site.toml`, broken templates): says why and answers nothing
/// until the client leaves.
fn failed_start(connection: &Connection, root: &Path, report: &Report) -> Result<(), String> {
    let message = report.diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    let params = lsp_types::ShowMessageParams {
        typ: lsp_types::MessageType::ERROR,
        message: format!("glossgen cannot load the site in {}:\n{message}", root.display()),
    };
    let _ = connection.sender.send(Notification::new(note::ShowMessage::METHOD.into(), params).into());
    for message in &connection.receiver {
        match message {
            Message::Request(request) if connection.handle_shutdown(&request).map_err(|e| e.to_string())? => break,
            Message::Request(request) => {
                let error =
                    Response::new_err(request.id, ErrorCode::RequestFailed as i32, "the site failed to load".into());
                let _ = connection.sender.send(error.into());
            }
            _ => {}
        }
    }
    Ok(())
}

fn capabilities(encoding: Encoding) -> serde_json::Value {
    let filters = serde_json::json!([{ "pattern": { "glob": "**/content/*/*.md" } }]);
    serde_json::json!({
        "positionEncoding": if encoding == Encoding::Utf8 { "utf-8" } else { "utf-16" },
        "textDocumentSync": { "openClose": true, "change": 1, "save": { "includeText": false } },
        "completionProvider": { "triggerCharacters": ["/", "[", " ", ":"] },
        "hoverProvider": true,
        "definitionProvider": true,
        "referencesProvider": true,
        "documentSymbolProvider": true,
        "renameProvider": { "prepareProvider": true },
        "codeActionProvider": { "codeActionKinds": ["quickfix", "refactor"] },
        "workspace": { "fileOperations": { "willRename": { "filters": filters } } },
    })
}

/// The site as the server knows it.
enum State {
    /// Loaded and linked; the bodies are being rendered, and the workspace arrives on `ready`.
    Indexing { glossary: crate::link::Glossary, ready: crossbeam_channel::Receiver<Result<Workspace, Report>> },
    /// Everything analysis needs.
    Ready(Box<Workspace>),
}

/// Requests answered from names and files alone, while the bodies are rendered; the others wait.
const ANSWERED_WHILE_INDEXING: [&str; 4] = [
    req::Completion::METHOD,
    req::HoverRequest::METHOD,
    req::GotoDefinition::METHOD,
    req::DocumentSymbolRequest::METHOD,
];

/// The server's state: the site, the editor's buffers, and what the editor was told.
pub(crate) struct Server<'c> {
    connection: &'c Connection,
    state: State,
    root: PathBuf,
    /// Open documents: absolute path → text.
    docs: HashMap<PathBuf, String>,
    /// Paths edited since the last analysis.
    pending: BTreeSet<PathBuf>,
    published: report::Published,
    /// The findings of the last state that built, per file.
    findings: findings::Findings,
    /// Files shown with the findings of a failed rebuild: sent again once the site builds.
    failing: HashSet<PathBuf>,
    encoding: Encoding,
}

impl<'c> Server<'c> {
    fn new(connection: &'c Connection, state: State, root: PathBuf, encoding: Encoding) -> Self {
        Server {
            connection,
            state,
            root,
            docs: HashMap::new(),
            pending: BTreeSet::new(),
            published: report::Published::default(),
            findings: findings::Findings::default(),
            failing: HashSet::new(),
            encoding,
        }
    }

    fn root(&self) -> &Path {
        &self.root
    }

    /// The glossary as last linked.
    pub(crate) fn glossary(&self) -> &crate::link::Glossary {
        match &self.state {
            State::Indexing { glossary, .. } => glossary,
            State::Ready(ws) => &ws.prepared().built.glossary,
        }
    }

    /// The whole analysed site, once the bodies are rendered.
    pub(crate) fn prepared(&self) -> Option<&crate::Prepared> {
        match &self.state {
            State::Indexing { .. } => None,
            State::Ready(ws) => Some(ws.prepared()),
        }
    }

    /// While the bodies render: answers what names and files can answer, keeps the other requests and
    /// the edits for later. Returns `false` when the client left meanwhile.
    fn wait_for_bodies(&mut self) -> Result<bool, String> {
        let State::Indexing { ready, .. } = &self.state else { return Ok(true) };
        let ready = ready.clone();
        let mut waiting = Vec::new();
        loop {
            crossbeam_channel::select! {
                recv(self.connection.receiver) -> message => match message {
                    Err(_) => return Ok(false),
                    Ok(Message::Request(request)) => {
                        if self.connection.handle_shutdown(&request).map_err(|e| e.to_string())? {
                            return Ok(false);
                        }
                        if ANSWERED_WHILE_INDEXING.contains(&request.method.as_str()) {
                            let response = self.answer(request);
                            self.send(response.into());
                        } else {
                            waiting.push(request);
                        }
                    }
                    Ok(Message::Notification(notification)) => self.notified(notification),
                    Ok(Message::Response(_)) => {}
                },
                recv(ready) -> workspace => {
                    let mut ws = match workspace {
                        Ok(Ok(ws)) => ws,
                        Ok(Err(report)) => return failed_start(self.connection, &self.root, &report).map(|()| false),
                        Err(_) => return Err("rendering the bodies stopped unexpectedly".to_string()),
                    };
                    for (path, text) in &self.docs {
                        ws.set_unsaved(path.clone(), Some(Arc::from(text.as_str())));
                    }
                    self.state = State::Ready(Box::new(ws));
                    for request in waiting {
                        let response = self.answer(request);
                        self.send(response.into());
                    }
                    return Ok(true);
                }
            }
        }
    }

    fn run(&mut self) -> Result<(), String> {
        // The site's findings are first derived and sent once the questions waiting are answered: an editor
        // that opens a file asks before it needs the whole site's problems.
        let mut first_findings = true;
        loop {
            let message = if first_findings {
                // The channel holds no messages: one is waiting exactly when its sender is.
                match self.connection.receiver.try_recv() {
                    Ok(message) => message,
                    Err(crossbeam_channel::TryRecvError::Empty) => {
                        first_findings = false;
                        self.publish_all();
                        continue;
                    }
                    Err(crossbeam_channel::TryRecvError::Disconnected) => return Ok(()),
                }
            } else if self.pending.is_empty() {
                match self.connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return Ok(()),
                }
            } else {
                match self.connection.receiver.recv_timeout(DEBOUNCE) {
                    Ok(message) => message,
                    Err(RecvTimeoutError::Timeout) => {
                        self.analyse();
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => return Ok(()),
                }
            };
            match message {
                Message::Request(request) => {
                    if self.connection.handle_shutdown(&request).map_err(|e| e.to_string())? {
                        return Ok(());
                    }
                    let response = self.answer(request);
                    self.send(response.into());
                }
                Message::Notification(notification) => self.notified(notification),
                Message::Response(_) => {}
            }
        }
    }

    fn send(&self, message: Message) {
        let _ = self.connection.sender.send(message);
    }

    fn log(&self, message: &str) {
        let params = lsp_types::LogMessageParams { typ: lsp_types::MessageType::INFO, message: message.to_string() };
        self.send(Notification::new(note::LogMessage::METHOD.into(), params).into());
    }

    fn notified(&mut self, notification: Notification) {
        let uri_of = |value: &serde_json::Value| -> Option<PathBuf> {
            let uri: lsp_types::Uri = serde_json::from_value(value.pointer("/textDocument/uri")?.clone()).ok()?;
            text::path_of(&uri)
        };
        let params = &notification.params;
        match notification.method.as_str() {
            note::DidOpenTextDocument::METHOD | note::DidChangeTextDocument::METHOD => {
                let text = params
                    .pointer("/textDocument/text")
                    .or_else(|| params.pointer("/contentChanges").and_then(|c| c.as_array()?.last()?.get("text")))
                    .and_then(|t| t.as_str());
                if let (Some(path), Some(text)) = (uri_of(params), text) {
                    self.edited(path, Some(text.to_string()));
                }
            }
            note::DidCloseTextDocument::METHOD => {
                if let Some(path) = uri_of(params) {
                    self.edited(path, None);
                }
            }
            note::DidSaveTextDocument::METHOD => {}
            note::DidChangeWatchedFiles::METHOD => {
                let changes = params.get("changes").and_then(|c| c.as_array()).cloned().unwrap_or_default();
                for change in changes {
                    let uri = change.get("uri").and_then(|u| serde_json::from_value::<lsp_types::Uri>(u.clone()).ok());
                    if let Some(path) = uri.as_ref().and_then(text::path_of) {
                        self.pending.insert(path);
                    }
                }
            }
            _ => {}
        }
    }

    /// An open buffer's text changed (or the buffer closed: `None`).
    fn edited(&mut self, path: PathBuf, text: Option<String>) {
        let path = path.canonicalize().unwrap_or(path);
        let same = self.docs.get(&path) == text.as_ref();
        match &text {
            Some(text) => self.docs.insert(path.clone(), text.clone()),
            None => self.docs.remove(&path),
        };
        if !same {
            if let State::Ready(ws) = &mut self.state {
                ws.set_unsaved(path.clone(), text.map(Arc::from));
            }
            self.pending.insert(path);
        }
    }

    /// The text of a file as the editor has it: its buffer if open, else the disk.
    fn text_of(&self, path: &Path) -> Option<String> {
        match self.docs.get(path) {
            Some(text) => Some(text.clone()),
            None => std::fs::read_to_string(path).ok(),
        }
    }

    /// Analyses the edited files again and sends the findings that changed: after a successful rebuild
    /// those [`findings::Findings`] finds changed; while the site fails to build, what the failed rebuild
    /// found, on top of the last good findings of every file but the edited ones.
    fn analyse(&mut self) {
        let State::Ready(ws) = &mut self.state else { return };
        let mut timer = crate::timings::Timer::start("lsp");
        let changed: Vec<PathBuf> = std::mem::take(&mut self.pending).into_iter().collect();
        let edited: HashSet<PathBuf> = changed.iter().map(|p| crate::diagnostics::relative(&self.root, p)).collect();
        for path in &edited {
            self.published.forget(path);
        }
        let mut files: HashSet<PathBuf> = edited.clone();
        let outcome = ws.rebuild(&changed);
        timer.lap("rebuild");
        let lists: Vec<(PathBuf, Vec<Diagnostic>)> = match outcome {
            Ok(_) => {
                files.extend(self.findings.update(ws.prepared()));
                files.extend(std::mem::take(&mut self.failing));
                files.into_iter().map(|f| (f.clone(), self.findings.of(&f))).collect()
            }
            Err(report) => {
                let mut found: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
                for d in report.diagnostics {
                    found.entry(d.path.clone()).or_default().push(d);
                }
                files.extend(found.keys().cloned());
                let before = std::mem::replace(&mut self.failing, files.clone());
                files.extend(before);
                files
                    .into_iter()
                    .map(|f| {
                        let mut list = found.remove(&f).unwrap_or_default();
                        if !edited.contains(&f) {
                            list.extend(
                                self.findings.of(&f).into_iter().filter(|d| !list.contains(d)).collect::<Vec<_>>(),
                            );
                        }
                        (f, list)
                    })
                    .collect()
            }
        };
        timer.lap(&format!("findings ({} files to compare)", lists.len()));
        self.publish(lists);
        timer.lap("publish");
    }

    /// Derives the findings of the whole site (those not derived yet) and sends those that changed.
    fn publish_all(&mut self) {
        let State::Ready(ws) = &self.state else { return };
        let files = self.findings.update(ws.prepared());
        let lists: Vec<(PathBuf, Vec<Diagnostic>)> =
            files.into_iter().map(|f| (f.clone(), self.findings.of(&f))).collect();
        self.publish(lists);
    }

    fn publish(&mut self, lists: Vec<(PathBuf, Vec<Diagnostic>)>) {
        // As `check` shows them: the rules `[check]` or the entry allows are left out, denied ones are errors.
        let lists = match self.prepared() {
            Some(prepared) => {
                let allowed = crate::build::allowed_by_entry(&prepared.built.glossary);
                let levels = &prepared.site.config.checks;
                lists.into_iter().map(|(f, l)| (f, levels.apply(l, |p| allowed.get(p).copied()))).collect()
            }
            None => lists,
        };
        let root = self.root().to_path_buf();
        let docs = &self.docs;
        let text_of = |path: &Path| docs.get(path).cloned().or_else(|| std::fs::read_to_string(path).ok());
        let notes = self.published.send(&root, lists, self.encoding, &text_of);
        for params in notes {
            self.send(Notification::new(note::PublishDiagnostics::METHOD.into(), params).into());
        }
    }

    /// Brings the analysis up to date before a request that changes files.
    fn settle(&mut self) {
        if !self.pending.is_empty() {
            self.analyse();
        }
    }

    fn answer(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            req::Completion::METHOD => self.with(request, |s, p| Ok(complete::complete(s, p))),
            req::HoverRequest::METHOD => self.with(request, |s, p| Ok(answers::hover(s, p))),
            req::GotoDefinition::METHOD => self.with(request, |s, p| Ok(answers::definition(s, p))),
            req::References::METHOD => self.with(request, |s, p| Ok(answers::references(s, p))),
            req::DocumentSymbolRequest::METHOD => self.with(request, |s, p| Ok(answers::symbols(s, p))),
            req::PrepareRenameRequest::METHOD => self.with(request, |s, p| Ok(actions::prepare_rename(s, p))),
            req::Rename::METHOD => {
                self.settle();
                self.with(request, actions::rename)
            }
            req::CodeActionRequest::METHOD => {
                self.settle();
                self.with(request, |s, p| Ok(actions::code_actions(s, p)))
            }
            req::WillRenameFiles::METHOD => {
                self.settle();
                self.with(request, actions::will_rename)
            }
            _ => Err((ErrorCode::MethodNotFound, format!("glossgen does not answer `{}`", request.method))),
        };
        match result {
            Ok(value) => Response { id, response_result: Ok(value) },
            Err((code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    /// Decodes a request's parameters and serializes the answer.
    fn with<P, R>(
        &mut self,
        request: Request,
        handle: impl FnOnce(&mut Self, P) -> Result<R, String>,
    ) -> Result<serde_json::Value, (ErrorCode, String)>
    where
        P: serde::de::DeserializeOwned,
        R: serde::Serialize,
    {
        let params: P =
            serde_json::from_value(request.params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))?;
        let answer = handle(self, params).map_err(|message| (ErrorCode::RequestFailed, message))?;
        serde_json::to_value(answer).map_err(|e| (ErrorCode::InternalError, e.to_string()))
    }

    /// The document at `uri`: its path, its text, the entry it holds (in the last good state) and its
    /// language's position.
    fn document(&self, uri: &lsp_types::Uri) -> Option<Document> {
        let path = text::path_of(uri)?;
        let path = path.canonicalize().unwrap_or(path);
        let text = self.text_of(&path)?;
        let rel = crate::diagnostics::relative(self.root(), &path);
        let lang = rel.strip_prefix("content").ok()?.components().next()?.as_os_str().to_str()?.to_string();
        let glossary = self.glossary();
        let lang_pos = LangPos::new(glossary.languages.iter().position(|l| l.as_str() == lang)?);
        let stem = path.file_stem()?.to_str()?;
        let entry = crate::slug::ConceptId::parse(stem).ok().and_then(|id| glossary.lookup(lang_pos, &id));
        Some(Document { rel, text, lang_pos, entry })
    }
}

/// An entry file the editor asks about.
pub(crate) struct Document {
    /// Relative to the site root.
    pub rel: PathBuf,
    /// Its current text.
    pub text: String,
    /// Its language.
    pub lang_pos: LangPos,
    /// The entry it holds in the last good state (none for a new or broken file).
    pub entry: Option<EntryIndex>,
}
