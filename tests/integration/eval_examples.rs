//! Every example the engine's issue states, each checked against a figure
//! worked out by hand in the comment beside it.

use crate::common::{assert_close, bote, value_of};
use bote::Calendar;
use bote::Env;

#[test]
fn stated_examples() {
    let cases: &[(&str, f64, &str)] = &[
        // 4000 * 500 B = 2e6 B/s
        ("4000/s * 500 bytes -> MB/s", 2.0, "MB/s"),
        // 5e8 * 1000 * 200 B = 1e14 B
        ("500e6 * 1000 * 200 bytes -> TB", 100.0, "TB"),
        // 2e5 * 1000 * 200 = 4e10 B/s
        ("200000/s * 1000 * 200 bytes -> GB/s", 40.0, "GB/s"),
        // 1e9 bit/s * 0.05 s / 8 = 6.25e6 B
        ("1 Gbit/s * 50 ms -> MB", 6.25, "MB"),
        // 87,000 B / 0.05 s * 8 = 13.92e6 bit/s
        ("87 KB / 50 ms -> Mbit/s", 13.92, "Mbit/s"),
        // 1e-4 * 365 * 1440 min = 52.56
        ("(1 - 99.99%) * 365 days -> min", 52.56, "min"),
        // 30,000 * 60 * 350 = 630e6 B
        ("30000/s * 60 s * 350 bytes -> MB", 630.0, "MB"),
        ("1 KiB -> bytes", 1024.0, "B"),
        ("1 MB/s -> Mbit/s", 8.0, "Mbit/s"),
        ("6e9 * 500 bytes -> TB", 3.0, "TB"),
        ("99.9% * 99.9% -> %", 99.8001, "%"),
        ("87 KB / 50 ms -> KB/s", 1740.0, "kB/s"),
    ];
    for &(src, want, unit) in cases {
        let (got, got_unit) = value_of(src);
        assert_close(got, want, src);
        assert_eq!(got_unit, unit, "{src}");
    }
}

#[test]
fn defaults_pick_readable_units() {
    let cases = [
        ("12500/s * 1 day", "1.08 billion"),
        ("500/s * 200 ms", "100"),
        ("50000 / 4 s", "12,500 /s"),
        ("87 KB / 50 ms", "1.74 MB/s"),
        ("6e9 * 500 bytes", "3 TB"),
        ("1 Gbit/s * 50 ms", "6.25 MB"),
        ("2 per day", "2 /day"),
        ("$50 * 100M", "$5 billion"),
        ("50 USD", "$50"),
        ("99.9999999% -> %", "99.9999999%"),
    ];
    for (src, want) in cases {
        let a = bote::evaluate(src, &Env::default()).unwrap();
        assert_eq!(a.shown.text, want, "{src}");
    }
}

#[test]
fn month_follows_the_calendar() {
    // A twelfth of a 365-day year: 1e8 / (31,536,000 / 12) = 38.0518…
    let (got, unit) = value_of("100M / month -> /s");
    assert_close(got, 1e8 * 12.0 / 31_536_000.0, "year/12");
    assert_eq!(unit, "/s");
    // 30-day months: 1e8 / 2,592,000 = 38.5802…
    let env = Env::new(Calendar {
        month_s: 30.0 * 86_400.0,
        year_s: 365.0 * 86_400.0,
    });
    let a = bote::evaluate("100M / month -> /s", &env).unwrap();
    assert_close(a.shown.value, 1e8 / 2_592_000.0, "30-day month");
    assert_eq!(a.shown.text, "38.58 /s");
    let out = bote(&["eval", "--month", "30 days", "100M / month -> /s"], "");
    assert_eq!(out.stdout, "38.58 /s\n");
}

#[test]
fn input_is_shown_as_read() {
    let cases = [
        ("100M / month -> /s", "100 million / month -> /s"),
        ("2.5B", "2.5 billion"),
        ("500 B", "500 bytes"),
        ("100MB", "100 megabytes"),
        ("100 Mb", "100 megabits"),
        ("2.5bn * $50", "2.5 billion * $50"),
        ("50000 / 4 s", "50000 / 4 seconds"),
        ("-(2 + 3) ^ 2", "-(2 + 3) ^ 2"),
        ("2 per day", "2 / day"),
        // Found by fuzzing: a unit whose name has spaces must print as one word.
        ("(1 - 1 - 9)/- 09Kbps min", "(1 - 1 - 9) / -09 kbps minutes"),
        // Found by the property tests: `^` must not attach to a printed unit or magnitude.
        ("(2 m) ^ 2", "(2 meters) ^ 2"),
        ("5M ^ 2", "(5 million) ^ 2"),
        ("3 B * $", "3 bytes * USD"),
        // Found by fuzzing: a large power on a lone unit.
        ("m^1^11", "(meter) ^ 11"),
        ("s^0B", "(second) ^ (0 billion)"),
        ("B^1 ^ 1 ^ 2", "(byte) ^ 1 ^ 2"),
        ("2 ^ 3 ^ 2", "2 ^ 3 ^ 2"),
        ("(2 ^ 3) ^ 2", "(2 ^ 3) ^ 2"),
        // A sum is one node; a group after its first term keeps its
        // parentheses, as it did when each `+` was a node of its own.
        ("1 - 2 + 3 - 4", "1 - 2 + 3 - 4"),
        ("1 - (2 - 3) + (4 + 5)", "1 - (2 - 3) + (4 + 5)"),
        ("(1 + 2) - (3 + 4)", "1 + 2 - (3 + 4)"),
        ("-(1 + 2) * (3 - 4) MB", "-(1 + 2) * (3 - 4) megabytes"),
        ("max(1 + 2, 3) - -4", "max(1 + 2, 3) - -4"),
    ];
    for (src, want) in cases {
        assert_eq!(
            bote::evaluate(src, &Env::default()).unwrap().input,
            want,
            "{src}"
        );
    }
}

#[test]
fn functions() {
    let cases = [
        ("ceil(2.1)", 3.0),
        ("floor(2.9)", 2.0),
        ("round(2.5)", 3.0),
        ("min(3, 1, 2)", 1.0),
        ("max(3, 1, 2)", 3.0),
        ("abs(-4)", 4.0),
        ("sqrt(16)", 4.0),
        ("ln(1)", 0.0),
        ("log10(1000)", 3.0),
        ("log2(1024)", 10.0),
        ("2 ** 10", 1024.0),
        ("2 ^ 3 ^ 2", 512.0),
        ("1_000_000 / 1e3", 1000.0),
    ];
    for (src, want) in cases {
        assert_close(value_of(src).0, want, src);
    }
}
