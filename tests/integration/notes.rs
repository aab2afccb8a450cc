//! `bote notes FILE.md`: results written into a note after each bote
//! block, every other byte kept; and `bote eval --pad`, the notepad view.

use crate::common::{bin, bote, folder};
use std::process::Command;

/// A note with prose, a code block bote leaves alone, two eval blocks (a
/// definition carries from the first to the second) and an estimate block
/// under a level-2 heading.
const NOTE: &str = "\
# Prep: a chat service

Some prose, with `code` and a [link](https://example.com).

```rust
fn not_bote() {}
```

```bote
dau = 50M users
msgs = 40 messages/user per day
```

Between the blocks.

```bote
# a comment line
dau * msgs
dau * msgs * 100 bytes/message -> MB/s
```

## Storage

```yaml bote
title: Chat storage
assumptions:
  people: { value: 50M users }
  msgs: 40 messages/user per day
  size: 100 bytes/message
counts: [user, message]
storage:
  per_year: { expr: people * msgs * 1 year * size, unit: TB, expect: 73 TB }
```

The end, with no newline after it.";

/// Write `text` to `name` in a fresh folder for `test`; its path.
fn note(test: &str, name: &str, text: &str) -> std::path::PathBuf {
    let dir = folder(test);
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The note with every bote region taken out (each region, and the blank
/// line bote put before it when it added it).
fn without_regions(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("<!-- bote: results") {
        let keep = &rest[..at];
        out.push_str(
            keep.strip_suffix("\n\n")
                .map_or(keep, |k| k)
                .trim_end_matches('\r'),
        );
        let end = rest[at..].find("<!-- bote: end -->").unwrap() + at + "<!-- bote: end -->".len();
        rest = &rest[end..];
        if keep.ends_with("\r\n\r\n") {
            out.truncate(out.trim_end_matches(['\r', '\n']).len());
        }
    }
    out.push_str(rest);
    out
}

fn run(path: &std::path::Path, extra: &[&str]) -> crate::common::Outcome {
    let p = path.to_str().unwrap();
    let mut args = vec!["notes", p];
    args.extend_from_slice(extra);
    bote(&args, "")
}

#[test]
fn blocks_are_filled_in_and_nothing_else_changes() {
    let path = note("notes-fill", "prep.md", NOTE);
    let out = run(&path, &[]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("3 regions of 3 blocks written"),
        "{}",
        out.stdout
    );
    let filled = std::fs::read_to_string(&path).unwrap();
    // Every byte outside the regions is the note's own.
    assert_eq!(without_regions(&filled), NOTE);
    // The answers: definitions carried from block to block.
    assert!(
        filled.contains("dau = 50 million users\nmsgs = 40 messages/user/day\n"),
        "{filled}"
    );
    // 50M x 40 a day = 2e9 a day = 23,148 a second; x 100 B = 2.315 MB/s.
    assert!(
        filled.contains("dau * msgs = 23,148 messages/s\n"),
        "{filled}"
    );
    assert!(filled.contains("-> MB/s = 2.315 MB/s\n"), "{filled}");
    // The estimate's report under `## Storage` starts at level 3, the
    // summary first; 2e9 a day x 365 x 100 B = 73 TB.
    assert!(filled.contains("### Chat storage\n"), "{filled}");
    assert!(
        filled.contains("#### Summary\n\n- **per_year**: 73 TB\n"),
        "{filled}"
    );
    // The rust block has no region; the last line still has no newline.
    assert_eq!(filled.matches("<!-- bote: results").count(), 3);
    assert!(filled.ends_with("The end, with no newline after it."));

    // Again: nothing to do, byte for byte; --check agrees.
    let again = run(&path, &[]);
    assert_eq!(again.status, 0, "{}", again.stderr);
    assert!(again.stdout.contains("up to date"), "{}", again.stdout);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), filled);
    assert_eq!(run(&path, &["--check"]).status, 0);
}

#[test]
fn check_on_a_stale_note_writes_nothing() {
    let path = note("notes-check", "prep.md", NOTE);
    assert_eq!(run(&path, &[]).status, 0);
    // Change an assumption: the results are stale.
    let filled = std::fs::read_to_string(&path).unwrap();
    let edited = filled.replacen("dau = 50M users", "dau = 60M users", 1);
    std::fs::write(&path, &edited).unwrap();
    let out = run(&path, &["--check"]);
    assert_eq!(out.status, 1, "{}", out.stdout);
    // Both eval blocks use dau.
    assert!(
        out.stdout
            .contains("is stale: 2 regions of 3 blocks would change"),
        "{}",
        out.stdout
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    // Without --check it is brought up to date: 60M x 40 / 86,400 s.
    assert_eq!(run(&path, &[]).status, 0);
    let now = std::fs::read_to_string(&path).unwrap();
    assert!(now.contains("dau * msgs = 27,778 messages/s"), "{now}");
    // A note never filled in is stale too.
    let fresh = note("notes-check-fresh", "new.md", NOTE);
    assert_eq!(run(&fresh, &["--check"]).status, 1);
    assert_eq!(std::fs::read_to_string(&fresh).unwrap(), NOTE);
}

#[test]
fn a_failed_block_says_so_in_its_region_and_the_rest_is_filled() {
    let text = NOTE.replace("dau * msgs\n", "dau * msgs * 5 gigabites\n");
    let path = note("notes-error", "prep.md", &text);
    let out = run(&path, &[]);
    assert_eq!(out.status, 1);
    let filled = std::fs::read_to_string(&path).unwrap();
    // The error names the note's own line, here and in the region, with
    // the caret under the word.
    let line = filled
        .lines()
        .position(|l| l == "dau * msgs * 5 gigabites")
        .unwrap()
        + 1;
    assert!(
        out.stderr.contains(&format!(
            "prep.md:{line}: unknown unit `gigabites` (its region says more)"
        )),
        "{}",
        out.stderr
    );
    // The region names the note by its file name alone.
    assert!(filled.contains(&format!("--> prep.md:{line}:")), "{filled}");
    assert!(
        filled.contains("did you mean `gigabits` or `gigabytes`?"),
        "{filled}"
    );
    // The line after it and the estimate still ran.
    assert!(filled.contains("-> MB/s = 2.315 MB/s"), "{filled}");
    assert!(filled.contains("### Chat storage"), "{filled}");
    // And a second run is still a no-op, the error included.
    assert_eq!(run(&path, &[]).status, 1);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), filled);
}

#[test]
fn a_region_edited_by_hand_is_kept_unless_forced() {
    let path = note("notes-edited", "prep.md", NOTE);
    assert_eq!(run(&path, &[]).status, 0);
    let filled = std::fs::read_to_string(&path).unwrap();
    let mine = filled.replace("dau = 50 million users", "dau = 50 million users (my note)");
    // And an assumption changed, so that region is stale as well.
    let mine = mine.replacen(
        "msgs = 40 messages/user per day",
        "msgs = 20 messages/user per day",
        1,
    );
    std::fs::write(&path, &mine).unwrap();
    let out = run(&path, &[]);
    assert_eq!(out.status, 1);
    assert!(out.stderr.contains("edited by hand"), "{}", out.stderr);
    let after = std::fs::read_to_string(&path).unwrap();
    // The edited region is as the person left it; the others are updated.
    assert!(after.contains("(my note)"), "{after}");
    assert!(after.contains("dau * msgs = 11,574 messages/s"), "{after}");
    // --force replaces it.
    let out = run(&path, &["--force"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    let forced = std::fs::read_to_string(&path).unwrap();
    assert!(!forced.contains("(my note)"));
    assert!(forced.contains("msgs = 20 messages/user/day"), "{forced}");
}

#[test]
fn line_endings_permissions_and_a_byte_order_mark_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let crlf = format!("\u{feff}{}", NOTE.replace('\n', "\r\n"));
    let path = note("notes-crlf", "prep.md", &crlf);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert_eq!(run(&path, &[]).status, 0);
    let filled = std::fs::read_to_string(&path).unwrap();
    assert!(filled.starts_with('\u{feff}'));
    // Every line ends as the note's do.
    assert_eq!(
        filled.matches('\n').count(),
        filled.matches("\r\n").count(),
        "{filled:?}"
    );
    assert_eq!(without_regions(&filled), crlf);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert_eq!(run(&path, &[]).status, 0);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), filled);
}

/// A full disk (a file-size limit, SIGXFSZ ignored so the write fails)
/// leaves the note as it was, and no temporary file behind.
#[test]
fn a_full_disk_leaves_the_note_intact() {
    // Big enough that its filled-in copy passes the 4 KiB limit.
    let text = format!(
        "{NOTE}\n\n{}\n",
        "Some more prose to make the note long.\n".repeat(100)
    );
    let path = note("notes-full", "prep.md", &text);
    let dir = path.parent().unwrap();
    let out = Command::new("sh")
        .current_dir(dir)
        .args([
            "-c",
            "trap '' XFSZ; ulimit -f 8; exec \"$0\" notes prep.md",
            bin(),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot write prep.md"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let left: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["prep.md"]);
}

/// A save while bote works is not overwritten: bote reads the note again
/// before it writes, and writes nothing when it changed.
#[test]
fn a_note_changed_during_the_run_is_not_overwritten() {
    // An estimate slow enough to change the note under it: a million
    // draws of many ranges.
    let mut slow = String::from("```yaml bote\ntitle: slow\nsamples: 1000000\nassumptions:\n");
    for i in 0..4 {
        slow.push_str(&format!("  a{i}: 1 to {} s\n", i + 2));
    }
    slow.push_str("sums:\n  total: a0 + a1 + a2 + a3\n```\n");
    let path = note("notes-race", "prep.md", &slow);
    let child = Command::new(bin())
        .args(["notes", path.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(150));
    let mine = format!("{slow}\nA line I wrote while bote worked.\n");
    std::fs::write(&path, &mine).unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("changed while bote was working; nothing written"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), mine);
}

#[test]
fn what_a_note_without_blocks_or_with_a_broken_region_gets() {
    let plain = note(
        "notes-plain",
        "plain.md",
        "# Nothing here\n\n```yaml\na: 1\n```\n",
    );
    let out = run(&plain, &[]);
    assert_eq!(out.status, 0);
    assert!(out.stderr.contains("has no bote blocks"), "{}", out.stderr);
    // A region whose end a person deleted is left alone, and said.
    let broken = note(
        "notes-broken",
        "broken.md",
        "```bote\n1 + 1\n```\n\n<!-- bote: results of the block above; (crc 00000000) -->\nkept\n",
    );
    let out = run(&broken, &[]);
    assert!(
        out.stderr.contains("has no `<!-- bote: end -->` line"),
        "{}",
        out.stderr
    );
    assert!(
        std::fs::read_to_string(&broken)
            .unwrap()
            .ends_with("kept\n")
    );
}

#[test]
fn the_example_note_is_up_to_date() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = bote(
        &["notes", &format!("{root}/examples/notes.md"), "--check"],
        "",
    );
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
}

/// The notepad view: each line with its answer, flush right in one column;
/// answers as `bote eval` gives them, line by line.
#[test]
fn the_pad_shows_each_answer_beside_its_line() {
    let page =
        "# chat\ndau = 50M users\nmsgs = 40 messages/user per day\n\ndau * msgs\n5 gigabites\n";
    let out = bote(&["eval", "--pad"], page);
    assert_eq!(out.status, 1, "a line failed");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "# chat");
    assert_eq!(lines[3], "");
    assert!(lines[1].starts_with("dau = 50M users ") && lines[1].ends_with(" 50 million users"));
    assert!(lines[4].ends_with(" 23,148 messages/s"), "{}", out.stdout);
    assert!(
        lines[5].ends_with(" error: unknown unit `gigabites`"),
        "{}",
        out.stdout
    );
    // The answers end in one column; an error follows its line.
    assert_eq!(lines[5], "5 gigabites  error: unknown unit `gigabites`");
    let right = |l: &str| bote::width(l);
    assert!(
        [1, 2, 4]
            .iter()
            .all(|&i| right(lines[i]) == right(lines[1])),
        "{}",
        out.stdout
    );
    // The same answers as bote eval line by line.
    let eval = bote(&["eval"], page);
    for (pad, said) in [lines[1], lines[2], lines[4]]
        .iter()
        .zip(eval.stdout.lines())
    {
        let said = said.rsplit(" = ").next().unwrap();
        assert!(pad.ends_with(said), "{pad} vs {said}");
    }
    // From a file too.
    let path = note("notes-pad", "page.txt", page);
    let from_file = bote(&["eval", "--pad", path.to_str().unwrap()], "");
    assert_eq!(from_file.stdout, out.stdout);
}

/// The README's before and after of a short note are what `bote notes` does.
#[test]
fn the_readmes_before_and_after_are_true() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let blocks: Vec<&str> = readme
        .split("~~~markdown\n")
        .skip(1)
        .map(|b| &b[..b.find("~~~\n").unwrap()])
        .collect();
    let (before, after) = (blocks[0], blocks[1]);
    let path = note("notes-readme", "prep.md", before);
    assert_eq!(run(&path, &[]).status, 0);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
}

/// A case is a note: each file under `tests/cases/notes/` is checked
/// (`--check`), filled in (`--force` when its name says so), and filled in
/// again, which must change nothing. The snapshot holds each run's status
/// and messages and the note as bote left it.
#[test]
fn note_cases() {
    insta::glob!("../cases/notes", "*.md", |case| {
        let text = std::fs::read_to_string(case).unwrap();
        let name = case.file_stem().unwrap().to_string_lossy().into_owned();
        let path = note(&format!("notes-case-{name}"), "note.md", &text);
        // Messages name the note as the user typed it.
        let dir = path.parent().unwrap();
        let at = |args: &[&str]| {
            let out = Command::new(bin())
                .current_dir(dir)
                .args(args)
                .output()
                .unwrap();
            let said = format!(
                "status: {}\n{}{}",
                out.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            (out.status.code(), said)
        };
        let (_, check) = at(&["notes", "note.md", "--check"]);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            text,
            "--check wrote"
        );
        let args: &[&str] = if name.starts_with("force") {
            &["notes", "note.md", "--force"]
        } else {
            &["notes", "note.md"]
        };
        let (status, run) = at(args);
        assert_ne!(status, Some(101), "a panic: {run}");
        assert_ne!(status, Some(134), "a panic: {run}");
        let after = std::fs::read_to_string(&path).unwrap();
        at(args);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            after,
            "a second run changed the note"
        );
        for force in [false, true] {
            bote::fuzz::check_note(&text, force).unwrap();
        }
        insta::assert_snapshot!(format!(
            "--- bote notes note.md --check\n{check}--- bote {}\n{run}--- the note after\n{after}",
            args.join(" ")
        ));
    });
}

/// Filling in is linear: 16,000 blocks (a 1.2 MB note) took 239 s in a
/// debug build when each block counted the lines above it again; now
/// about 2 s. The bound is far from both.
#[test]
fn sixteen_thousand_blocks_fill_in_quickly() {
    let note: String = (0..16_000)
        .map(|i| format!("## Part {i}\n\n```bote\nx{i} = {i} MB * 2\n```\n\nSome prose.\n\n"))
        .collect();
    let started = std::time::Instant::now();
    let filled = bote::fuzz::fill_note(&note, false);
    let took = started.elapsed();
    assert_eq!(filled.matches("<!-- bote: end -->").count(), 16_000);
    // 15,999 MB x 2 = 31,998 MB, shown as 32 GB.
    assert!(
        filled.contains("x15999 = 32 GB\n"),
        "{}",
        &filled[filled.len() - 300..]
    );
    assert!(took.as_secs() < 40, "16,000 blocks took {took:?}");
}

/// Run `bote notes` in `dir` with a shell line before it (a limit); its
/// status and what it said.
fn in_shell(dir: &std::path::Path, before: &str, args: &str) -> (Option<i32>, String) {
    let out = Command::new("sh")
        .current_dir(dir)
        .args(["-c", &format!("{before} exec \"$0\" notes {args}"), bin()])
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), said)
}

/// The files in `dir`.
fn listed(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A read-only note is refused, even when root runs bote (who may write
/// anything): the mode says not to.
#[test]
fn a_read_only_note_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let path = note("notes-readonly", "prep.md", NOTE);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let (status, said) = in_shell(path.parent().unwrap(), "", "prep.md");
    assert_eq!(status, Some(1), "{said}");
    assert!(
        said.contains("cannot write prep.md: it is read-only (mode 444)"),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), NOTE);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
    assert_eq!(listed(path.parent().unwrap()), ["prep.md"]);
}

/// A note with a second hard link is refused with the reason: replacing
/// it would leave the other name with the old text.
#[test]
fn a_hard_linked_note_is_refused_and_both_names_kept() {
    let path = note("notes-hardlink", "prep.md", NOTE);
    let dir = path.parent().unwrap();
    std::fs::hard_link(&path, dir.join("other.md")).unwrap();
    let (status, said) = in_shell(dir, "", "prep.md");
    assert_eq!(status, Some(1), "{said}");
    assert!(said.contains("it has 2 hard links"), "{said}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), NOTE);
    use std::os::unix::fs::MetadataExt;
    assert_eq!(std::fs::metadata(&path).unwrap().nlink(), 2);
    assert_eq!(listed(dir), ["other.md", "prep.md"]);
}

/// Written by root, another user's note stays theirs, with its mode.
#[test]
fn the_owner_and_mode_are_kept() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let path = note("notes-owner", "prep.md", NOTE);
    if std::fs::metadata(&path).unwrap().uid() != 0 {
        // Only root may give a file away; as anyone else the test is moot.
        return;
    }
    std::os::unix::fs::chown(&path, Some(4321), Some(4322)).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o604)).unwrap();
    let (status, said) = in_shell(path.parent().unwrap(), "", "prep.md");
    assert_eq!(status, Some(0), "{said}");
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (4321, 4322));
    assert_eq!(meta.permissions().mode() & 0o777, 0o604);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("<!-- bote: end -->")
    );
}

/// A FIFO is refused at once, not waited on; so is a device.
#[test]
fn a_fifo_or_a_device_is_refused_without_waiting() {
    let dir = folder("notes-fifo");
    let made = Command::new("mkfifo")
        .arg(dir.join("pipe.md"))
        .status()
        .unwrap();
    assert!(made.success());
    let started = std::time::Instant::now();
    let (status, said) = in_shell(&dir, "", "pipe.md");
    assert!(started.elapsed().as_secs() < 10);
    assert_eq!(status, Some(1), "{said}");
    assert!(said.contains("`pipe.md` is not a regular file"), "{said}");
    let (status, said) = in_shell(&dir, "", "/dev/null");
    assert_eq!(status, Some(1), "{said}");
    assert!(said.contains("`/dev/null` is not a regular file"), "{said}");
}

/// Past the file-size limit, with SIGXFSZ as it comes (it would end bote
/// mid-write): the note is refused before a byte is written, and no
/// temporary file is left.
#[test]
fn a_file_size_limit_leaves_no_temporary_file() {
    let text = format!(
        "{NOTE}\n\n{}\n",
        "Some more prose to make the note long.\n".repeat(100)
    );
    let path = note("notes-fsize", "prep.md", &text);
    let dir = path.parent().unwrap();
    let (status, said) = in_shell(dir, "ulimit -f 8;", "prep.md");
    assert_eq!(status, Some(1), "{said}");
    assert!(
        said.contains("past the file-size limit of 4,096 bytes"),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert_eq!(listed(dir), ["prep.md"]);
}

/// A run that exits 1 does not say the note is up to date: its last line
/// says what was written and what was left, whether or not anything was.
#[test]
fn a_run_that_leaves_a_region_says_so_not_up_to_date() {
    let path = note("notes-left", "prep.md", NOTE);
    assert_eq!(run(&path, &[]).status, 0);
    let filled = std::fs::read_to_string(&path).unwrap();
    // Text edited inside a region: nothing else is stale.
    let edited = filled.replace("dau = 50 million users", "dau = 50 million users (mine)");
    std::fs::write(&path, &edited).unwrap();
    let out = run(&path, &[]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    assert!(out.stderr.contains("edited by hand"), "{}", out.stderr);
    assert!(!out.stdout.contains("up to date"), "{}", out.stdout);
    assert_eq!(
        out.stdout,
        format!(
            "{}: nothing written; 1 region edited by hand left as it was (--force replaces it)\n",
            path.display()
        )
    );
    // With another region stale, what was written and what was left.
    let stale = edited.replacen(
        "msgs = 40 messages/user per day",
        "msgs = 20 messages/user per day",
        1,
    );
    std::fs::write(&path, &stale).unwrap();
    let out = run(&path, &[]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    assert!(
        out.stdout
            .ends_with(" written; 1 region edited by hand left as it was (--force replaces it)\n"),
        "{}",
        out.stdout
    );
    // A region whose end marker is gone: left alone, and said.
    let after = std::fs::read_to_string(&path).unwrap();
    let first_end = after.find("<!-- bote: end -->").unwrap();
    let mut no_end = after.clone();
    no_end.replace_range(first_end..first_end + "<!-- bote: end -->".len(), "");
    std::fs::write(&path, &no_end).unwrap();
    let out = run(&path, &[]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    assert!(!out.stdout.contains("up to date"), "{}", out.stdout);
    assert!(out.stdout.contains("left alone"), "{}", out.stdout);
}

/// `--force` loses nothing a person wrote: a paragraph of theirs taken
/// into a region (its end marker moved below it) is replaced, but the note
/// as it was is kept whole in NOTE.md~ first, and stderr names the lines.
#[test]
fn force_keeps_what_it_replaces_in_a_backup() {
    let path = note("notes-force-backup", "prep.md", NOTE);
    assert_eq!(run(&path, &[]).status, 0);
    let filled = std::fs::read_to_string(&path).unwrap();
    // Move the first region's end marker below a paragraph of the user's.
    let end = "<!-- bote: end -->\n";
    let at = filled.find(end).unwrap();
    let mut moved = filled.clone();
    moved.replace_range(at..at + end.len(), "");
    let mine = "My own paragraph, which I wrote.\n";
    let between = moved.find("Between the blocks.\n").unwrap() + "Between the blocks.\n".len();
    moved.insert_str(between, &format!("\n{mine}{end}"));
    std::fs::write(&path, &moved).unwrap();
    let out = run(&path, &[]);
    assert_eq!(out.status, 1, "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), moved);
    // Forced: the region is bote's again, and the paragraph is in prep.md~,
    // which is no more readable than the note.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let out = run(&path, &["--force"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path.with_file_name("prep.md~"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
    assert_eq!(out.status, 0, "{}", out.stderr);
    let forced = std::fs::read_to_string(&path).unwrap();
    assert!(!forced.contains(mine), "{forced}");
    let backup = std::fs::read_to_string(path.with_file_name("prep.md~")).unwrap();
    assert_eq!(backup, moved);
    // The lines named are the replaced region's, the paragraph among them.
    let said = out
        .stderr
        .lines()
        .find(|l| l.contains("replaced (--force)"))
        .unwrap_or_else(|| panic!("{}", out.stderr));
    let range = said.split(':').nth(2).unwrap();
    let (from, to) = range.split_once('-').unwrap();
    let (from, to): (usize, usize) = (from.parse().unwrap(), to.parse().unwrap());
    let lines: Vec<&str> = backup.lines().collect();
    assert!(lines[from - 1].starts_with("<!-- bote: results"), "{said}");
    assert_eq!(lines[to - 1], "<!-- bote: end -->", "{said}");
    assert!(lines[from - 1..to].contains(&mine.trim_end()), "{said}");
    assert!(said.contains("prep.md~"), "{said}");
    // A run with nothing forced writes no backup over it.
    std::fs::write(path.with_file_name("prep.md~"), "older\n").unwrap();
    assert_eq!(run(&path, &["--force"]).status, 0);
    assert_eq!(
        std::fs::read_to_string(path.with_file_name("prep.md~")).unwrap(),
        "older\n"
    );
}

/// Two forced runs lose nothing: the second keeps the note in the next
/// numbered backup, and the first backup, with the paragraph it took, stays.
#[test]
fn a_second_force_writes_no_backup_over_the_first() {
    let path = note("notes-force-twice", "prep.md", NOTE);
    assert_eq!(run(&path, &[]).status, 0);
    let end = "<!-- bote: end -->\n";
    // Take a paragraph of the user's into the region at `nth` end marker.
    let take = |text: &str, nth: usize, mine: &str| {
        let at = text.match_indices(end).nth(nth).unwrap().0;
        let mut moved = text.to_string();
        moved.replace_range(at..at + end.len(), &format!("{mine}\n{end}"));
        moved
    };
    let first = take(
        &std::fs::read_to_string(&path).unwrap(),
        0,
        "IMPORTANT first paragraph",
    );
    std::fs::write(&path, &first).unwrap();
    assert_eq!(run(&path, &["--force"]).status, 0);
    let second = take(
        &std::fs::read_to_string(&path).unwrap(),
        1,
        "IMPORTANT second paragraph",
    );
    std::fs::write(&path, &second).unwrap();
    let out = run(&path, &["--force"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(out.stderr.contains("prep.md.~1~"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(path.with_file_name("prep.md~")).unwrap(),
        first
    );
    assert_eq!(
        std::fs::read_to_string(path.with_file_name("prep.md.~1~")).unwrap(),
        second
    );
    // And a third goes on to ~2~.
    let third = take(
        &std::fs::read_to_string(&path).unwrap(),
        0,
        "IMPORTANT third paragraph",
    );
    std::fs::write(&path, &third).unwrap();
    assert_eq!(run(&path, &["--force"]).status, 0);
    assert_eq!(
        std::fs::read_to_string(path.with_file_name("prep.md.~2~")).unwrap(),
        third
    );
}
