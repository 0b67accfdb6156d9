//! Reliability of the write stage and the settings: one build at a time per output folder, nothing replaced
//! that glossgen did not make, every settings problem at once, no secrets published.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::{build, site, snapshot, stderr};

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
