//! glossgen: a static-site generator for bilingual glossaries.
//!
//! A build is four stages with plain data between them ([`build()`] runs them in order):
//!
//! 1. **load** ([`config`], [`i18n`], [`theme`], [`content`]): `site.toml`, UI strings, templates and every
//!    `content/<lang>/<id>.md` become typed values; every problem is collected as a [`Diagnostic`].
//! 2. **link** ([`link`], [`terms`]): entries are ordered alphabetically per language, `related` ids resolve,
//!    translations pair up, names are indexed for mentions and wiki links.
//! 3. **render** ([`markdown`], [`render`]): bodies become HTML and yield backlinks
//!    ([`render::bodies`]); each entry's parts are built once ([`render::parts`]); every page and document
//!    goes through the theme's templates ([`render::pages`]).
//! 4. **write** ([`output`], [`build`]): pages land in a staging folder that replaces the output only when
//!    everything succeeded.
//!
//! `check` runs the same stages into memory and applies its rules; `serve` ([`rebuild`]) keeps a build in
//! memory and, after an edit, updates each stage's value, compares the parts it built with the previous
//! ones ([`render::changes`]) and renders the pages that read a changed part ([`render::deps`]) with the
//! same functions. The command line in `main.rs` only parses arguments and calls [`commands`].

pub mod avoided;
pub mod build;
pub mod check;
pub mod collate;
pub mod commands;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod edits;
pub mod feeds;
pub mod fragments;
pub mod highlight;
pub mod i18n;
pub mod import;
pub mod link;
pub mod linkcheck;
pub mod lsp;
pub mod markdown;
pub mod messages;
#[cfg(feature = "minify")]
pub mod minify;
pub mod mv;
pub mod output;
pub mod rebuild;
pub mod render;
pub mod rules;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod sitemap;
pub mod slug;
pub mod standalone;
pub mod termbase;
pub mod terms;
pub mod theme;
pub mod timings;
pub mod translation;
pub mod types;
pub mod urls;
pub mod week;
pub mod xliff;

pub use build::{
    BuildOptions, BuildSummary, Built, LoadedSite, Prepared, build, load, output_dir, prepare, write_site,
};
pub use diagnostics::{Diagnostic, Report};
