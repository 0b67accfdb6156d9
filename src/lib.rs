//! glossgen: a static-site generator for bilingual glossaries.
//!
//! A build is four stages with plain data between them:
//!
//! 1. **load** ([`config`], [`i18n`], [`theme`], [`content`]): `site.toml`, UI strings, templates and every
//!    `content/<lang>/<id>.md` become typed values; every problem is collected as a [`Diagnostic`].
//! 2. **link** ([`link`]): entries are ordered alphabetically per language, `related` ids resolve, translations
//!    pair up.
//! 3. **render** ([`markdown`], [`render`]): bodies become HTML (resolving `@/` links, which adds backlinks),
//!    then every page goes through the theme's templates.
//! 4. **write** ([`output`], [`sitemap`]): pages land in a staging folder that replaces the output only when
//!    everything succeeded.
//!
//! [`build`] runs them in order; the command line in `main.rs` only parses arguments and calls it.

pub mod build;
pub mod check;
pub mod collate;
pub mod commands;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod feeds;
pub mod fragments;
pub mod highlight;
pub mod i18n;
pub mod link;
pub mod linkcheck;
pub mod markdown;
pub mod messages;
pub mod minify;
pub mod output;
pub mod rebuild;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod sitemap;
pub mod slug;
pub mod standalone;
pub mod terms;
pub mod theme;
pub mod timings;
pub mod translation;
pub mod urls;
pub mod week;

pub use build::{
    BuildOptions, BuildSummary, Built, LoadedSite, Prepared, build, load, output_dir, prepare, write_site,
};
pub use diagnostics::{Diagnostic, Report};
