//! Limits a user never meets, met by hostile inputs: devices with no size,
//! files that would fill memory, a full disk. Through the real binary,
//! since they are about the process: its memory, its files.

use crate::common::{bin, folder};
use std::io::Write;
use std::process::{Command, Stdio};

/// Run bote with `args`, standard input from `stdin` (a path), and return
/// its status and standard error.
fn run(args: &[&str], stdin: Option<&str>) -> (i32, String) {
    let mut cmd = Command::new(bin());
    cmd.args(args).stdout(Stdio::null()).stderr(Stdio::piped());
    if let Some(path) = stdin {
        cmd.stdin(std::fs::File::open(path).unwrap());
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A device with no end is read through the limit and refused, as a file,
/// a sheet or standard input, in well under a second.
#[test]
fn endless_devices_are_refused_at_the_limit() {
    let start = std::time::Instant::now();
    for (args, stdin) in [
        (&["check", "/dev/zero"][..], None),
        (&["run", "/dev/zero"], None),
        (&["run", "littles-law", "--prices", "/dev/zero"], None),
        (
            &["run", "littles-law", "--references", "/dev/urandom"],
            None,
        ),
        (&["run", "-"], Some("/dev/zero")),
    ] {
        let (status, err) = run(args, stdin);
        assert_eq!(status, 1, "{args:?}: {err}");
        assert!(
            err.contains("holds more than 16,777,216 bytes"),
            "{args:?}: {err}"
        );
    }
    // `bote eval` reads lines: an endless one is skipped without being held.
    let (status, err) = run(&["eval"], Some("/dev/zero"));
    assert_eq!(status, 1);
    assert!(err.contains("without an end; stopped reading"), "{err}");
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

/// The largest peak resident memory of bote's children so far, in bytes.
fn children_peak_rss() -> u64 {
    use nix::sys::resource::{UsageWho, getrusage};
    let usage = getrusage(UsageWho::RUSAGE_CHILDREN).unwrap();
    // Linux reports kilobytes.
    u64::try_from(usage.max_rss()).unwrap_or(0) * 1024
}

/// The bound docs/estimates.md's "Limits" section documents.
const PEAK_RSS_BOUND: u64 = 300 * 1024 * 1024;

/// The largest inputs bote accepts, and the smallest it refuses, each stay
/// under [`PEAK_RSS_BOUND`] of resident memory. Before the limits, a 16 MiB
/// flow map took 574 MB and 5,000 ranges on `bote eval`'s input 395 MB.
///
/// getrusage reports the largest child of this test process, whichever
/// test started it: the bound holds for every one.
#[test]
fn peak_memory_of_the_largest_inputs() {
    let dir = folder("limits-rss");
    let make = |name: &str, write: &dyn Fn(&mut dyn Write)| {
        let path = dir.join(name);
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        write(&mut f);
        f.flush().unwrap();
        path.to_string_lossy().into_owned()
    };
    const MIB16: usize = 16 * 1024 * 1024 - 64;
    // Refused: a flow map of a million keys and more, within 16 MiB.
    let flow = make("flow.yaml", &|f| {
        write!(f, "title: t\nassumptions:\n  a: 1\nq: {{").unwrap();
        let mut n = 30;
        let mut i = 0;
        while n < MIB16 - 16 {
            let key = format!("k{i}: 1, ");
            n += key.len();
            f.write_all(key.as_bytes()).unwrap();
            i += 1;
        }
        writeln!(f, "z: 1}}").unwrap();
    });
    // Refused: a 16 MiB price sheet.
    let sheet = make("sheet.yaml", &|f| {
        write!(f, "title: p\nentries:\n").unwrap();
        let mut n = 20;
        let mut i = 0;
        while n < MIB16 - 80 {
            let line = format!("  e{i}: {{ value: 1 GB, source: s, date: 2026 }}\n");
            n += line.len();
            f.write_all(line.as_bytes()).unwrap();
            i += 1;
        }
    });
    // Accepted: about 166,000 quantities in flow maps (996,000 values).
    let accepted = make("accepted.yaml", &|f| {
        write!(f, "title: t\nassumptions:\n  a: 1 GB\nq:\n").unwrap();
        for i in 0..166_000 {
            writeln!(f, "  q{i}: {{ expr: a * {}, note: n }}", i % 7 + 1).unwrap();
        }
    });
    // Accepted and reported: the largest file of the fan-in shape
    // (benches/support/shapes.rs, as benches/budgets.sh makes it) under
    // the 16 MiB limit, 187,133 quantities, each the mean of eight above
    // it. `bote run --format json` of it held the file's estimate twice
    // (the one loaded, and its run's copy) and every row's derivation at
    // once: 350,492 KiB in a release build, over the bound; 207,892 KiB
    // now (docs/performance.md). The debug binary this test runs peaks a
    // little above a release one (352,576 KiB before on budgets.sh's
    // 185,000), so the bound is held here in debug too; it adds about
    // 40 s of debug run beside the others.
    let fan_in = make("fan-in.yaml", &|f| {
        let head =
            "title: generated\nassumptions:\n  base: 1 KB\n  rate: 100 /s\n  t: 5 min\nqps:\n";
        f.write_all(head.as_bytes()).unwrap();
        let mut n = head.len();
        for i in 0.. {
            let line = if i < 8 {
                format!("  q{i}: base * {}\n", i + 1)
            } else {
                let first = (i - 8) / 8 * 8;
                let sum: Vec<String> = (first..first + 8).map(|j| format!("q{j}")).collect();
                format!("  q{i}: ({}) / 8\n", sum.join(" + "))
            };
            if n + line.len() >= MIB16 {
                break;
            }
            n += line.len();
            f.write_all(line.as_bytes()).unwrap();
        }
    });
    // Refused from line 3,201 on: `bote eval` lines that each hold a range.
    let ranges = make("ranges.txt", &|f| {
        for i in 0..3_500 {
            writeln!(f, "r{i} = 1 to 2").unwrap();
        }
    });
    let cases: Vec<(Vec<String>, Option<String>, i32)> = vec![
        (vec!["check".into(), flow], None, 1),
        (
            vec!["run".into(), "littles-law".into(), "--prices".into(), sheet],
            None,
            1,
        ),
        (vec!["check".into(), accepted], None, 0),
        (
            vec!["run".into(), fan_in, "--format".into(), "json".into()],
            None,
            0,
        ),
        (vec!["eval".into()], Some(ranges), 1),
    ];
    let children: Vec<_> = cases
        .into_iter()
        .map(|(args, stdin, want)| {
            std::thread::spawn(move || {
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                let (status, err) = run(&args, stdin.as_deref());
                assert_eq!(status, want, "{args:?}: {}", &err[..err.len().min(2000)]);
            })
        })
        .collect();
    for child in children {
        child.join().unwrap();
    }
    let peak = children_peak_rss();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        peak < PEAK_RSS_BOUND,
        "peak resident memory {} MB",
        peak / 1_000_000
    );
}

/// `bote new --force` on a full disk leaves the file it would replace as
/// it was, and no schema file cut short: every write goes to a temporary
/// file that is renamed into place only when whole. The full disk is a
/// file-size limit (`ulimit -f`, with SIGXFSZ ignored so the write fails
/// with EFBIG rather than killing the process).
#[test]
fn a_full_disk_loses_nothing() {
    let dir = folder("limits-full");
    let mine = dir.join("mine.yaml");
    let original = bote::presets::get("littles-law").unwrap();
    std::fs::write(&mine, original).unwrap();
    let out = Command::new("sh")
        .current_dir(&dir)
        .args([
            "-c",
            "trap '' XFSZ; ulimit -f 4; exec \"$0\" new mine --from twitter-timeline --force",
            bin(),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot write `mine.yaml`"), "{err}");
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), original);
    // Nothing else is left behind: no temporary file, no empty schema.
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["mine.yaml"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A dangling symbolic link is a file that is there: `bote new` does not
/// write through it to create its target.
#[test]
fn new_refuses_a_dangling_link() {
    let dir = folder("limits-link");
    let link = dir.join("link.yaml");
    let target = dir.join("elsewhere.yaml");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = Command::new(bin())
        .current_dir(&dir)
        .args(["new", "link"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`link.yaml` exists"));
    assert!(!target.exists());
    let _ = std::fs::remove_dir_all(&dir);
}
