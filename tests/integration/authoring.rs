//! Writing estimate files: `bote new`, `bote schema`, shell completions and
//! the man page, each through the binary's entry point.

use crate::common::{bote, folder};

#[test]
fn new_writes_a_starter_that_runs_and_checks() {
    let dir = folder("new");
    let name = dir.join("chat-service");
    let out = bote(&["new", name.to_str().unwrap()], "");
    assert_eq!(out.status, 0, "{}", out.stderr);
    let file = dir.join("chat-service.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema=bote.schema.json\n"),
        "{text}"
    );
    assert!(text.contains("title: chat service\n"), "{text}");
    // The schema it names is written beside it, the same as `bote schema`.
    let schema = std::fs::read_to_string(dir.join("bote.schema.json")).unwrap();
    assert_eq!(schema, bote(&["schema"], "").stdout);
    let path = file.to_str().unwrap();
    let check = bote(&["check", path], "");
    assert_eq!(check.status, 0, "{}{}", check.stdout, check.stderr);
    assert!(
        check.stdout.contains("1 published figure reproduced"),
        "{}",
        check.stdout
    );
    let run = bote(&["run", path], "");
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("90% range"),
        "the starter shows a range"
    );
    // Never over a file, unless asked.
    std::fs::write(&file, "mine").unwrap();
    let again = bote(&["new", path], "");
    assert_eq!(again.status, 1);
    assert!(
        again
            .stderr
            .contains("exists; bote new does not overwrite a file (--force does)")
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    assert_eq!(bote(&["new", path, "--force"], "").status, 0);
    assert_ne!(std::fs::read_to_string(&file).unwrap(), "mine");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn new_from_a_preset() {
    let dir = folder("new-from");
    let path = dir.join("mine.yaml");
    let path = path.to_str().unwrap();
    let out = bote(&["new", path, "--from", "uber-dispatch"], "");
    assert_eq!(out.status, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(path).unwrap();
    let preset = bote::presets::get("uber-dispatch").unwrap();
    assert_eq!(
        text,
        format!("# yaml-language-server: $schema=bote.schema.json\n{preset}")
    );
    assert_eq!(bote(&["check", path], "").status, 0);
    let bad = bote(&["new", path, "--force", "--from", "uber-dispach"], "");
    assert_eq!(bad.status, 1);
    assert!(
        bad.stderr.contains("did you mean `uber-dispatch`?"),
        "{}",
        bad.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn schema_is_json_schema_draft_7() {
    let out = bote(&["schema"], "");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(v["required"][0], "title");
}

#[test]
fn completions_know_subcommands_flags_formats_and_presets() {
    // clap_complete's PowerShell and elvish scripts complete subcommands and
    // flags only; bash, zsh and fish complete values too.
    for (shell, values) in [
        ("bash", true),
        ("zsh", true),
        ("fish", true),
        ("powershell", false),
        ("elvish", false),
    ] {
        let out = bote(&["completions", shell], "");
        assert_eq!(out.status, 0, "{shell}: {}", out.stderr);
        let words: &[&str] = if values {
            &[
                "check",
                "samples",
                "markdown",
                "url-shortener",
                "service-mesh",
            ]
        } else {
            &["check", "samples", "completions"]
        };
        for word in words {
            assert!(out.stdout.contains(word), "{shell} completion lacks {word}");
        }
    }
    let bad = bote(&["completions", "tcsh"], "");
    assert_eq!(bad.status, 2);
}

#[test]
fn the_man_page_renders() {
    let out = bote(&["man"], "");
    assert_eq!(out.status, 0);
    assert!(
        out.stdout.contains(".TH bote 1"),
        "{}",
        &out.stdout[..200.min(out.stdout.len())]
    );
    let dir = folder("man");
    let page = dir.join("bote.1");
    std::fs::write(&page, &out.stdout).unwrap();
    // Rendered by man itself where it is installed (CI machines may lack it).
    if let Ok(shown) = std::process::Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
        && shown.status.success()
    {
        let text = String::from_utf8_lossy(&shown.stdout);
        assert!(text.contains("Back-of-the-envelope calculator"), "{text}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// One table alone, to paste into notes: `--section`, `--no-header`, and
/// with `--explain` in Markdown, each table's derivations under it.
#[test]
fn one_table_alone() {
    let out = bote(
        &[
            "run",
            "url-shortener",
            "--format",
            "markdown",
            "--explain",
            "--section",
            "storage",
            "--no-header",
        ],
        "",
    );
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("## Storage\n\n| name |"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("## QPS"), "{}", out.stdout);
    assert!(
        out.stdout.ends_with(
            "- `total_storage = total_urls * record_size = 6 billion urls * 500 B/url = 3 TB`\n"
        ),
        "{}",
        out.stdout
    );
    let table = bote(
        &[
            "run",
            "url-shortener",
            "--section",
            "assumptions",
            "--no-header",
        ],
        "",
    );
    assert!(
        table.stdout.starts_with("Assumptions\n╭"),
        "{}",
        table.stdout
    );
    assert!(!table.stdout.contains("Storage"));
    let bad = bote(&["run", "url-shortener", "--section", "stroage"], "");
    assert_eq!(bad.status, 1);
    assert!(
        bad.stderr.contains("did you mean `storage`?"),
        "{}",
        bad.stderr
    );
    assert!(
        bad.stderr.contains("sections: assumptions, qps, storage"),
        "{}",
        bad.stderr
    );
}

/// `--watch` runs again when the file is saved, by rename as editors do,
/// prints an error for a broken save and carries on. A real process and a
/// real file; every wait is bounded.
#[test]
fn watch_reruns_on_save() {
    use std::io::{BufRead, BufReader};
    use std::sync::mpsc;
    use std::time::Duration;
    let dir = folder("watch");
    let file = dir.join("w.yaml");
    let write = |text: &str| {
        // As vim and VS Code save: a new file renamed over the old one.
        let tmp = dir.join(".w.yaml.tmp");
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, &file).unwrap();
    };
    write("title: w\nassumptions:\n  a: 111 bytes\n");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_bote"))
        .args(["run", file.to_str().unwrap(), "--watch", "--format", "csv"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel::<String>();
    for stream in [
        Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
        Box::new(child.stderr.take().unwrap()),
    ] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
    }
    let wait_for = |want: &str| {
        let deadline = std::time::Instant::now() + Duration::from_secs(15);
        while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
            match rx.recv_timeout(left) {
                Ok(line) if line.contains(want) => return true,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        false
    };
    let watched = (|| {
        if !wait_for("watching") {
            return Err("no first run");
        }
        write("title: w\nassumptions:\n  a: 222 bytes\n");
        if !wait_for("222 B") {
            return Err("no run after a save");
        }
        write("title: w\nassumptions:\n  a: 333 bytse\n");
        if !wait_for("unknown unit") {
            return Err("no error for a broken save");
        }
        write("title: w\nassumptions:\n  a: 444 bytes\n");
        if !wait_for("444 B") {
            return Err("stopped after an error");
        }
        Ok(())
    })();
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    watched.unwrap();
}

/// `--watch` reacts to writes only: its own read of the file is not a
/// save (it once ran itself 20 times in 3 s). A deleted file, and a folder
/// that disappears, are reported and waited for. A real process; every
/// wait is bounded.
#[test]
fn watch_ignores_its_own_reads_and_waits_for_a_deleted_file() {
    use std::io::{BufRead, BufReader};
    use std::sync::mpsc;
    use std::time::{Duration, Instant};
    let dir = folder("watch-quiet");
    let sub = dir.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    let file = sub.join("q.yaml");
    let text = |n: u32| format!("title: q\nassumptions:\n  a: {n} bytes\n");
    std::fs::write(&file, text(111)).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_bote"))
        .args(["run", file.to_str().unwrap(), "--watch", "--format", "csv"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel::<String>();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let wait_for = |want: &str| {
        let deadline = Instant::now() + Duration::from_secs(15);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match rx.recv_timeout(left) {
                Ok(line) if line.contains(want) => return true,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        false
    };
    let checked = (|| {
        if !wait_for("watching") {
            return Err("no first run".to_string());
        }
        // Two quiet seconds: no run at all.
        let quiet: Vec<String> = rx
            .recv_timeout(Duration::from_secs(2))
            .into_iter()
            .collect();
        if !quiet.is_empty() {
            return Err(format!("ran again without a save: {quiet:?}"));
        }
        std::fs::remove_file(&file).unwrap();
        if !wait_for("was deleted; waiting for it to come back") {
            return Err("no word of the deleted file".into());
        }
        std::fs::write(&file, text(222)).unwrap();
        if !wait_for("watching") {
            return Err("no run when the file came back".into());
        }
        std::fs::remove_dir_all(&sub).unwrap();
        if !wait_for("is gone; waiting for it to come back") {
            return Err("no word of the folder that went".into());
        }
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(&file, text(333)).unwrap();
        if !wait_for("watching") {
            return Err("no run when the folder came back".into());
        }
        Ok(())
    })();
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    checked.unwrap();
}

/// Through a pseudo-terminal 24 rows high: a report taller than the
/// screen goes through the pager ($BOTE_PAGER here, a `sed` that marks
/// each line), one that fits does not, and `--paging never` never does.
#[test]
fn a_tall_report_is_paged_on_a_terminal() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pty/pager.py");
    let run = |args: &[&str]| {
        let out = std::process::Command::new("python3")
            .arg(script)
            .args(["24", "80", env!("CARGO_BIN_EXE_bote")])
            .args(args)
            .env("BOTE_PAGER", "sed s/^/paged:/")
            .env("TERM", "xterm")
            .env_remove("LINES")
            .env_remove("COLUMNS")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let tall = run(&["run", "url-shortener"]);
    assert!(tall.lines().count() > 24, "{tall}");
    assert!(
        tall.lines()
            .all(|l| l.trim().is_empty() || l.starts_with("paged:")),
        "{tall}"
    );
    let short = run(&["run", "littles-law", "--summary"]);
    assert!(short.contains("Summary"), "{short}");
    assert!(!short.contains("paged:"), "{short}");
    let never = run(&["run", "url-shortener", "--paging", "never"]);
    assert!(
        never.lines().count() > 24 && !never.contains("paged:"),
        "{never}"
    );
    // Piped, never: the same report through a pipe is the plain text.
    let piped = crate::common::bote(&["run", "url-shortener", "--paging", "always"], "");
    assert!(!piped.stdout.contains("paged:"));
}
