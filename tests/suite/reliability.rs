//! Reliability of the write stage and the settings: one build at a time per output folder, nothing replaced
//! that glossgen did not make, every settings problem at once, no secrets published.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::{self, build, site, snapshot, stderr};

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    snapshot(dir).into_iter().map(|(path, _)| path).collect()
}

#[test]
fn builds_of_one_output_folder_take_turns() {
    let dir = site(None);
    let root = dir.path();
    assert!(build(root, &[]).status.success());
    let complete = files(&root.join("public"));

    // Another build holds the lock: --no-wait gives up, a plain build says it waits and goes on once free.
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(root.join(".public.glossgen-lock"))
        .unwrap();
    lock.lock().unwrap();
    let out = build(root, &["--no-wait"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("another build is writing"), "{}", stderr(&out));
    let mut waiting = Command::new(assert_cmd::cargo::cargo_bin!("glossgen"))
        .args(["build", "--root", root.to_str().unwrap()])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(waiting.stderr.take().unwrap()).lines();
    let first = lines.next().expect("a line").unwrap();
    assert!(first.starts_with("waiting for another build of"), "{first}");
    lock.unlock().unwrap();
    assert!(waiting.wait().unwrap().success());
    assert_eq!(files(&root.join("public")), complete);

    // Four builds at once: all succeed, and the output is one complete build.
    let runs: Vec<_> = (0..4)
        .map(|_| {
            Command::new(assert_cmd::cargo::cargo_bin!("glossgen"))
                .args(["build", "--root", root.to_str().unwrap()])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut run in runs {
        assert!(run.wait().unwrap().success());
    }
    assert_eq!(files(&root.join("public")), complete);
}

#[test]
fn an_output_path_that_is_not_a_folder_is_left_alone() {
    let dir = site(None);
    let root = dir.path();
    // A file.
    std::fs::write(root.join("public"), "a file of someone's").unwrap();
    let out = build(root, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("it is a file, not a folder"), "{err}");
    assert!(err.contains("Build failed; nothing was written."), "{err}");
    assert_eq!(std::fs::read_to_string(root.join("public")).unwrap(), "a file of someone's");
    std::fs::remove_file(root.join("public")).unwrap();
    // A FIFO and a link to a folder.
    assert!(Command::new("mkfifo").arg(root.join("public")).status().unwrap().success());
    let err = stderr(&build(root, &["--force"]));
    assert!(err.contains("it is a FIFO, not a folder"), "{err}");
    std::fs::remove_file(root.join("public")).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), root.join("public")).unwrap();
    let err = stderr(&build(root, &[]));
    assert!(err.contains("it is a symbolic link, not a folder"), "{err}");
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    std::fs::remove_file(root.join("public")).unwrap();

    // Something else where glossgen keeps its spare: refused before writing; the output stays as it was.
    assert!(build(root, &[]).status.success());
    let before = snapshot(&root.join("public"));
    std::fs::write(root.join(".public.glossgen-old"), "not a folder").unwrap();
    let out = build(root, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(".public.glossgen-old is a file that glossgen did not make"), "{err}");
    assert!(err.contains("was left as it was"), "{err}");
    assert_eq!(snapshot(&root.join("public")), before);
    std::fs::remove_file(root.join(".public.glossgen-old")).unwrap();
    assert!(build(root, &[]).status.success(), "fixed, the next build works");
}

#[test]
fn site_toml_problems_come_all_at_once_and_a_missing_one_says_how_to_start() {
    let dir = site(None);
    let root = dir.path();
    let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
    let broken = config
        .replace("base_url = \"https://example.org/\"", "base_url = \"https://deploy:hunter2@example.org/\"")
        .replace("default_language = \"en\"", "default_language = \"en\"\nminfy = true\noutput_dir = \"/tmp\"");
    std::fs::write(root.join("site.toml"), broken).unwrap();
    let out = build(root, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "site.toml:1:12: error: base_url `https://deploy:hunter2@example.org/` holds a user name or password"
        ),
        "{err}"
    );
    assert!(err.contains("site.toml:3:1: error: unknown setting `minfy`"), "{err}");
    assert!(err.contains("did you mean `minify`?"), "{err}");
    assert!(err.contains("site.toml:4:14: error: output_dir `/tmp` must be a folder inside the site"), "{err}");
    assert!(err.contains("3 errors"), "{err}");

    // The same refusal for --base-url.
    std::fs::write(root.join("site.toml"), &config).unwrap();
    let out = build(root, &["--base-url", "https://user:pw@example.org/"]);
    assert!(stderr(&out).contains("holds a user name or password"), "{}", stderr(&out));
    assert!(!root.join("public").exists());

    let empty = tempfile::tempdir().unwrap();
    let out = build(empty.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("there is no site.toml in"), "{err}");
    assert!(err.contains("glossgen init DIR"), "{err}");
    assert!(err.contains("nothing was written") && !err.contains("left as it was"), "{err}");
    assert_eq!(std::fs::read_dir(empty.path()).unwrap().count(), 0);
}

/// A sink that fails on one file, as a full disk would.
struct FailingOn(&'static str);

impl glossgen::render::pages::Sink for FailingOn {
    fn write(&self, path: &str, _: &[u8]) -> std::io::Result<()> {
        if path == self.0 {
            return Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "No space left on device"));
        }
        Ok(())
    }
}

#[test]
fn a_failed_write_names_the_output_file_and_the_content_it_comes_from() {
    let dir = site(None);
    let options = glossgen::BuildOptions { root: dir.path().to_path_buf(), ..Default::default() };
    let prepared = glossgen::build::prepare(&options, &glossgen::highlight::Highlighter::new()).unwrap();
    for (file, expected) in [
        (
            "en/overtraining/index.html",
            "content/en/overfitting.md:4: error: cannot write the output file en/overtraining/index.html: No space left on device (its name comes from the alias `overtraining`)",
        ),
        (
            "en/categories/foundations/index.html",
            "content/en/overfitting.md:7: error: cannot write the output file en/categories/foundations/index.html: No space left on device (its name comes from the category `Foundations`)",
        ),
        ("en/zebra/index.html", "content/en/zebra.md:2: error: cannot write the output file en/zebra/index.html"),
        ("sitemap.xml", "public: error: cannot write the output file sitemap.xml: No space left on device"),
        ("style.css", "public: error: cannot write the output file style.css"),
    ] {
        let problems = glossgen::build::write_site(&prepared, dir.path(), &FailingOn(file)).unwrap_err();
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(shown.iter().any(|p| p.starts_with(expected)), "{expected}\n{shown:#?}");
    }
}

/// A small tmpfs, mounted for the length of a test (root only; `None` where the machine does not allow it).
struct Tmpfs(tempfile::TempDir);

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipped: this machine does not allow mounting a tmpfs (needs root)");
            return None;
        }
        Some(Tmpfs(dir))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}

#[test]
fn a_full_disk_leaves_the_previous_output_as_it_was() {
    let dir = site(None);
    let root = dir.path();
    assert!(build(root, &[]).status.success());
    let size: u64 = snapshot(&root.join("public")).iter().map(|(_, bytes)| bytes.len() as u64 + 4096).sum();
    // Room for one build and a half: the second needs a staging folder of its own beside the first.
    let Some(disk) = Tmpfs::mount(&format!("{}", size * 3 / 2)) else { return };
    let out_dir = disk.0.path().join("public");
    let out_arg = out_dir.to_str().unwrap();
    let first = build(root, &["--output-dir", out_arg]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = snapshot(&out_dir);
    // A much larger body needs more room than is left.
    let entry = root.join("content/en/zebra.md");
    let text = std::fs::read_to_string(&entry).unwrap();
    std::fs::write(&entry, format!("{text}\n{}\n", "A long sentence for a full disk. ".repeat(20_000))).unwrap();
    let second = build(root, &["--output-dir", out_arg]);
    let err = stderr(&second);
    assert_eq!(second.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot write the output file") || err.contains("No space left"), "{err}");
    assert!(err.contains("was left as it was"), "{err}");
    assert_eq!(snapshot(&out_dir), before, "the previous output is intact");
}

/// Files below `dir`, or 0 if it is not there (yet).
fn count_files(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()).count()
}

#[test]
fn an_interrupted_build_leaves_the_previous_output_and_the_next_build_completes() {
    let dir = common::bundled_site();
    let root = dir.path();
    assert!(build(root, &[]).status.success());
    let complete = snapshot(&root.join("public"));
    let staging = root.join(".public.glossgen-new");
    // Changed content, so an interrupted build would leave a different output if it left a half one.
    let entry = root.join("content/en/overfitting.md");
    let text = std::fs::read_to_string(&entry).unwrap();
    std::fs::write(&entry, text.replacen("## ", "## Interrupted ", 1)).unwrap();
    // A signal that arrives after the build replaced the output, just before it exits, finds the new output
    // whole: the output is always one of the two complete builds.
    let changed_out = tempfile::tempdir().unwrap();
    let changed_dir = changed_out.path().join("public");
    assert!(build(root, &["--output-dir", changed_dir.to_str().unwrap()]).status.success());
    let changed = snapshot(&changed_dir);
    let mut current = complete.clone();
    let mut interrupted = 0;
    for signal in ["INT", "TERM", "KILL"] {
        // Stopped while loading, and stopped while pages are being written.
        for written in [0, 20] {
            let mut run = Command::new(assert_cmd::cargo::cargo_bin!("glossgen"))
                .args(["build", "--root", root.to_str().unwrap()])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let started = std::time::Instant::now();
            while written > 0 && count_files(&staging) < written && run.try_wait().unwrap().is_none() {
                assert!(started.elapsed() < std::time::Duration::from_secs(60), "the build never wrote");
                std::thread::yield_now();
            }
            let still_running = run.try_wait().unwrap().is_none();
            let killed = Command::new("kill").args(["-s", signal, &run.id().to_string()]).status().unwrap();
            let status = run.wait().unwrap();
            if still_running && killed.success() && !status.success() {
                interrupted += 1;
                let now = snapshot(&root.join("public"));
                assert!(
                    now == current || now == changed,
                    "stopped after {written} files (SIG{signal}): a partial output"
                );
                current = now;
            }
        }
    }
    assert!(interrupted >= 3, "only {interrupted} builds were stopped before they finished");
    std::fs::write(&entry, &text).unwrap();
    let again = build(root, &[]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(snapshot(&root.join("public")), complete, "the next build is whole");
}
