//! The README and the guides under `docs/` are true: each `$ bote …` line
//! in a console block with output under it prints that output (its first
//! lines, for long ones) at an 80-column terminal; the generated tables are
//! the catalogs; the layout is `src/`; the README is short and links only to
//! guides that exist.

use crate::common::bote_at;

/// The project's root folder.
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The text of a file under the root (`README.md`, `docs/language.md`).
fn doc(path: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// README.md and every guide under docs/, by path.
fn all_docs() -> Vec<(String, String)> {
    let mut paths = vec!["README.md".to_string()];
    let mut guides: Vec<String> = std::fs::read_dir(format!("{ROOT}/docs"))
        .unwrap()
        .map(|e| format!("docs/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|p| p.ends_with(".md"))
        .collect();
    guides.sort();
    paths.extend(guides);
    paths
        .into_iter()
        .map(|p| (doc(&p), p))
        .map(|(t, p)| (p, t))
        .collect()
}

/// Split a shell line into words, honouring single quotes (all the README uses).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => {
                cur.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(cur);
    }
    out
}

#[test]
fn readme_examples_run() {
    let mut checked = 0;
    for (path, text) in all_docs() {
        checked += examples_run(&path, &text);
    }
    assert!(checked >= 20, "only {checked} examples found");
}

/// Run the examples of one document; how many had output to compare.
fn examples_run(path: &str, text: &str) -> usize {
    let mut checked = 0;
    let mut in_console = false;
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.starts_with("```") {
            in_console = line == "```console";
            continue;
        }
        let Some(cmd) = line.strip_prefix("$ bote ").filter(|_| in_console) else {
            continue;
        };
        let mut expected = Vec::new();
        while let Some(next) = lines.peek() {
            if next.starts_with("$ ") || next.starts_with("```") {
                break;
            }
            expected.push(lines.next().unwrap());
        }
        if expected.is_empty() {
            continue;
        }
        let args = words(cmd);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = bote_at(Some(80), &args, b"");
        let printed = format!("{}{}", out.stdout, out.stderr);
        let printed: Vec<&str> = printed.lines().collect();
        for (i, want) in expected.iter().enumerate() {
            if want.starts_with('{') {
                // JSON: compare as values, since key order is not part of the contract.
                let got: serde_json::Value = serde_json::from_str(printed[i]).unwrap();
                let want: serde_json::Value = serde_json::from_str(want).unwrap();
                assert_eq!(got, want, "{path}: bote {cmd}");
            } else {
                assert_eq!(
                    printed.get(i),
                    Some(want),
                    "{path}: bote {cmd}\n{}",
                    printed.join("\n")
                );
            }
        }
        checked += 1;
    }
    checked
}

/// The README starts where a user starts and stays short: the two commands
/// first, then install, the presets, a real report; under 300 lines; every
/// guide it links to exists, and every guide is linked.
#[test]
fn readme_is_a_short_start() {
    let readme = doc("README.md");
    assert!(
        readme.lines().count() < 300,
        "{} lines",
        readme.lines().count()
    );
    let order = [
        "cargo run --release -- run",
        "## Install",
        "$ bote list",
        "$ bote run url-shortener\n",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|s| {
            readme
                .find(s)
                .unwrap_or_else(|| panic!("the README lacks {s:?}"))
        })
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "out of order: {order:?}"
    );
    for (path, _) in all_docs().into_iter().skip(1) {
        assert!(
            readme.contains(&format!("]({path})")),
            "the README does not link {path}"
        );
    }
    for (path, text) in all_docs() {
        let base = std::path::Path::new(&path).parent().unwrap();
        for link in text.split("](").skip(1) {
            let target = link.split([')', '#']).next().unwrap();
            if target.is_empty() || target.starts_with("http") {
                continue;
            }
            let file = std::path::Path::new(ROOT).join(base).join(target);
            assert!(file.exists(), "{path} links {target}, which does not exist");
        }
    }
}

#[test]
fn readme_lists_every_unit_spelling() {
    let readme = doc("docs/language.md");
    let start = "<!-- units: generated from the catalog; a test keeps them equal -->\n";
    let from = readme.find(start).expect("the units marker") + start.len();
    let to = from
        + readme[from..]
            .find("<!-- end units -->")
            .expect("the end marker");
    bless(
        "docs/language.md",
        &readme,
        from..to,
        &bote::spelling_table(),
    );
    assert_eq!(
        &readme[from..to],
        bote::spelling_table(),
        "docs/language.md's unit table differs from the catalog; paste bote::spelling_table()"
    );
}

#[test]
fn readme_layout_matches_src() {
    let root = ROOT;
    let readme = doc("docs/layout.md");
    let section = readme
        .split("# How the code is laid out")
        .nth(1)
        .expect("the layout section");
    let block = section.split("```text\n").nth(1).unwrap();
    let block = &block[..block.find("```").unwrap()];
    let mut listed: Vec<String> = block
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .map(|p| format!("src/{p}"))
        .collect();
    listed.sort();
    fn walk(dir: &std::path::Path, root: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(root).unwrap();
                out.push(rel.to_string_lossy().into_owned());
            }
        }
    }
    let root = std::path::Path::new(root);
    let mut actual = Vec::new();
    walk(&root.join("src"), root, &mut actual);
    actual.sort();
    assert_eq!(listed, actual, "docs/layout.md and src/ differ");
}

/// CONTRIBUTING.md's table of where things go names real paths.
#[test]
fn contributing_names_real_paths() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("CONTRIBUTING.md")).unwrap();
    let table: Vec<&str> = text.lines().filter(|l| l.starts_with("| ")).collect();
    assert!(table.len() > 5, "the where-to-add table");
    let mut checked = 0;
    for line in table {
        for (i, part) in line.split('`').enumerate() {
            // Odd parts are inside backticks; a path has a `/` in it.
            if i % 2 == 1 && part.contains('/') && !part.contains(' ') {
                assert!(
                    root.join(part).exists(),
                    "CONTRIBUTING.md names `{part}`, which does not exist"
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 10, "only {checked} paths checked");
}

/// A source a reader can follow: no preset or README line names a file
/// under `shared/`, which is not part of bote.
#[test]
fn sources_cite_the_articles() {
    let mut texts = all_docs();
    for (name, text) in bote::PRESETS {
        texts.push((format!("preset {name}"), text.to_string()));
        // A link, or a source that says it has none.
        assert!(
            text.contains("https://") || text.contains("names no publisher, date or link"),
            "preset {name} cites no link"
        );
    }
    for (what, text) in texts {
        for line in text.lines() {
            assert!(!line.contains("shared/"), "{what} names shared/: {line}");
        }
    }
}

/// The README's reference and price tables are the sheets, generated.
#[test]
fn readme_lists_the_sheets() {
    let readme = doc("docs/estimates.md");
    for (marker, prices) in [("refs", false), ("prices", true)] {
        let start = format!("<!-- {marker}: generated from ");
        let from = readme.find(&start).expect("the sheet marker");
        let from = from + readme[from..].find('\n').unwrap() + 1;
        let to = from
            + readme[from..]
                .find(&format!("<!-- end {marker} -->"))
                .expect("the end marker");
        bless(
            "docs/estimates.md",
            &readme,
            from..to,
            &bote::sheet_table(prices),
        );
        assert_eq!(
            &readme[from..to],
            bote::sheet_table(prices),
            "docs/estimates.md's {marker} table differs from the sheet; paste `bote {marker} --format markdown`"
        );
    }
}

/// With `BOTE_BLESS=1`, write `generated` into the guide at `path` at
/// `range` (a generated table), so `BOTE_BLESS=1 cargo test --test
/// integration readme` brings the tables up to date; the next run compares.
fn bless(path: &str, readme: &str, range: std::ops::Range<usize>, generated: &str) {
    if std::env::var_os("BOTE_BLESS").is_none() || &readme[range.clone()] == generated {
        return;
    }
    let path = format!("{ROOT}/{path}");
    // Re-read: another table may have been blessed since `readme` was.
    let now = std::fs::read_to_string(&path).unwrap();
    let old = &readme[range];
    let updated = now.replacen(old, generated, 1);
    std::fs::write(&path, updated).unwrap();
}

/// The README's opening sentence runs as written: "100M new URLs a month
/// at 500 bytes for 5 years" is 3 TB.
#[test]
fn the_opening_sentence_runs() {
    let readme = doc("README.md");
    let phrase = "100M new URLs a month at 500 bytes for 5 years";
    let opening: String = readme.lines().take(30).collect::<Vec<_>>().join(" ");
    assert!(
        opening.contains(phrase),
        "the README no longer opens with it"
    );
    let out = crate::common::bote(&["eval", phrase], "");
    assert_eq!(out.stdout, "3 TB\n", "{}", out.stderr);
    assert!(
        opening.contains("`3 TB`"),
        "the README should say what it answers"
    );
}

/// Every ` ```yaml ` block of the README and the guides is an estimate a
/// user can paste and run: it passes `bote check` as written. A block that
/// is a piece of a file (a `scenarios:` or `capacity:` section to add to
/// one) says so in its fence, ` ```yaml piece `, and a block without
/// `title:` that does not say so is an error here.
#[test]
fn yaml_examples_run() {
    let mut ran = 0;
    for (path, text) in all_docs() {
        let mut lines = text.lines().enumerate();
        while let Some((at, line)) = lines.next() {
            let Some(info) = line.strip_prefix("```yaml") else {
                continue;
            };
            let body: String = lines
                .by_ref()
                .take_while(|(_, l)| !l.starts_with("```"))
                .map(|(_, l)| format!("{l}\n"))
                .collect();
            let whole = body.lines().any(|l| l.starts_with("title:"));
            if info.trim() == "piece" {
                assert!(!whole, "{path}:{}: a whole file marked `piece`", at + 1);
                continue;
            }
            assert!(
                whole,
                "{path}:{}: a piece of a file: say so, ```yaml piece",
                at + 1
            );
            let out = crate::common::bote(&["check", "-"], &body);
            assert_eq!(
                out.status,
                0,
                "{path}:{}: the example does not run\n{}{}",
                at + 1,
                out.stdout,
                out.stderr
            );
            ran += 1;
        }
    }
    assert!(ran >= 2, "only {ran} YAML examples found");
}

/// Every `$ bote …` line of a console block with no output under it (those
/// with output are [`readme_examples_run`]'s) and every line of a ` ```sh `
/// block that runs bote runs, through a shell, in a fresh folder, and exits
/// 0: the files `bote new` makes there first (`bote diff url-shortener
/// mine.yaml` uses one made further down).
/// `--watch` never ends, so a line with it runs once without it; a line
/// that writes outside the folder (`~`, `$(…)`) is not run.
#[test]
fn shell_examples_run() {
    let bin = std::path::Path::new(crate::common::bin());
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    for (doc_path, text) in all_docs() {
        let mut commands = Vec::new();
        let mut fence = "";
        let lines: Vec<&str> = text.lines().collect();
        for (at, &line) in lines.iter().enumerate() {
            let alone = lines
                .get(at + 1)
                .is_none_or(|next| next.starts_with("$ ") || next.starts_with("```"));
            if let Some(info) = line.strip_prefix("```") {
                fence = if fence.is_empty() && !info.is_empty() {
                    info
                } else {
                    ""
                };
                continue;
            }
            let cmd = match fence {
                "console" => line
                    .strip_prefix("$ ")
                    .filter(|c| c.starts_with("bote ") && alone),
                "sh" => Some(line).filter(|l| {
                    (l.starts_with("bote ") || l.contains("| bote "))
                        && !l.contains('~')
                        && !l.contains("$(")
                }),
                _ => None,
            };
            if let Some(cmd) = cmd {
                commands.push((at + 1, cmd.replace(" --watch", "")));
            }
        }
        if commands.is_empty() {
            continue;
        }
        let dir = crate::common::folder(&format!("docs-{}", doc_path.replace('/', "-")));
        // Examples read files of the project (`examples/pad.txt`).
        std::fs::create_dir_all(dir.join("examples")).unwrap();
        for e in std::fs::read_dir(format!("{ROOT}/examples")).unwrap() {
            let e = e.unwrap();
            if e.path().is_file() {
                std::fs::copy(e.path(), dir.join("examples").join(e.file_name())).unwrap();
            }
        }
        commands.sort_by_key(|(_, c)| !c.starts_with("bote new "));
        for (line, cmd) in commands {
            let out = std::process::Command::new("sh")
                .args(["-c", &cmd])
                .current_dir(&dir)
                .env("PATH", &path)
                .env("HOME", &dir)
                .env("XDG_DATA_HOME", dir.join("data"))
                .env("BOTE_PAGER", "cat")
                .stdin(std::process::Stdio::null())
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{doc_path}:{line}: `{cmd}` failed\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            ran += 1;
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
    assert!(ran >= 12, "only {ran} shell examples found");
}
