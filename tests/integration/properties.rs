//! Property tests: no input panics, conversions go there and back, and a
//! printed result evaluates to what was printed.

use bote::Env;
use proptest::prelude::*;

const UNITS: &[&str] = &[
    "B", "kB", "MB", "GiB", "bit", "Mbit", "s", "ms", "min", "h", "day", "month", "km", "$",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_text_never_panics(src in "\\PC{0,60}") {
        let _ = bote::evaluate(&src, &Env::default());
    }

    #[test]
    fn expression_shaped_text_never_panics(src in "[0-9a-zA-Z .,%$()+*/^_-]{0,40}") {
        let _ = bote::evaluate(&src, &Env::default());
    }

    #[test]
    fn conversion_round_trips(v in 1e-6f64..1e12, unit in prop::sample::select(UNITS)) {
        // Into the unit's base (via its default display) and back with `->`.
        let env = Env::default();
        let there = bote::evaluate(&format!("{v:e} {unit}"), &env).unwrap();
        let base = there.quantity.dim().base_units();
        let src = format!("{:e} {base} -> {unit}", there.quantity.si_value()).replace(" / ", "/");
        let back = bote::evaluate(&src.replace("$ ->", "USD ->"), &env).unwrap_or_else(|e| panic!("{src}: {e}"));
        prop_assert!((back.shown.value - v).abs() <= 1e-12 * v.abs(), "{v} {unit} -> {}", back.shown.value);
    }

    #[test]
    fn printed_results_evaluate_to_themselves(v in -1e14f64..1e14, unit in prop::sample::select(UNITS), per in any::<bool>()) {
        let env = Env::default();
        let src = if per { format!("{v:e} {unit} / s") } else { format!("{v:e} {unit}") };
        let a = bote::evaluate(&src, &env).unwrap();
        let reread = bote::evaluate(&a.shown.text, &env).unwrap_or_else(|e| panic!("{} from {src}: {e}", a.shown.text));
        let (x, y) = (a.quantity.si_value(), reread.quantity.si_value());
        prop_assert_eq!(a.quantity.dim(), reread.quantity.dim());
        // Four significant figures: within 0.05% of the exact value.
        prop_assert!((x - y).abs() <= 5e-4 * x.abs() + 1e-300, "{} ({src}): {x} vs {y}", a.shown.text);
    }

    #[test]
    fn the_reading_evaluates_like_the_input(src in "[0-9]{1,3}(\\.[0-9])?(M|k| B| MB| s| ms|%)? ?[-+*/] ?[0-9]{1,3}( s| KB| day)?") {
        let env = Env::default();
        if let Ok(a) = bote::evaluate(&src, &env) {
            let again = bote::evaluate(&a.input, &env).unwrap_or_else(|e| panic!("{} from {src}: {e}", a.input));
            prop_assert_eq!(a.quantity, again.quantity, "{} from {}", a.input, src);
        }
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let error = |src: &str| {
        bote::evaluate(src, &Env::default())
            .unwrap_err()
            .to_string()
    };
    let deep = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    assert_eq!(
        error(&deep),
        "the expression is 200001 bytes long; the limit is 10000"
    );
    let nested = format!("{}1{}", "(".repeat(1_000), ")".repeat(1_000));
    assert!(error(&nested).contains("nests more than 200 levels deep"));
    // A level is a parenthesis, as a person counts: 200 of them are fine.
    let two_hundred = format!("{}1{}", "(".repeat(200), ")".repeat(200));
    assert!(bote::evaluate(&two_hundred, &Env::default()).is_ok());
    // A product chain grows the tree one level per operator...
    let chain = vec!["2"; 3_000].join("*");
    assert!(error(&chain).contains("more than 200 operations inside one another"));
    // ...a sum is one node however many terms it has.
    let sum = vec!["1"; 3_000].join("+") + " - 1";
    let value = |src: &str| {
        bote::evaluate(src, &Env::default())
            .unwrap()
            .quantity
            .si_value()
    };
    assert_eq!(value(&sum), 2_999.0);
    let nested_sums = vec!["(1 + 1)"; 500].join(" * ");
    assert!(error(&nested_sums).contains("more than 200 operations"));
}

/// Small expression trees, written out as text: every operator, function and
/// unit form the grammar has, nested a few levels.
fn arb_expr() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        (0u32..100_000).prop_map(|n| n.to_string()),
        "[1-9][0-9]{0,2}(k|M|B|bn|T)",
        "[0-9]{1,2}(\\.[0-9])?%",
        Just("x".to_string()),
        prop::sample::select(UNITS).prop_map(|u| format!("1 {u}")),
    ];
    leaf.prop_recursive(4, 32, 3, |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop::sample::select(&["+", "-", "*", "/", "^", "per"][..]),
                inner.clone()
            )
                .prop_map(|(a, o, b)| format!("{a} {o} {b}")),
            inner.clone().prop_map(|a| format!("({a})")),
            inner.clone().prop_map(|a| format!("-{a}")),
            (inner.clone(), prop::sample::select(UNITS)).prop_map(|(a, u)| format!("({a}) {u}")),
            (
                prop::sample::select(
                    &[
                        "ceil", "floor", "round", "abs", "sqrt", "ln", "log10", "log2"
                    ][..]
                ),
                inner.clone()
            )
                .prop_map(|(f, a)| format!("{f}({a})")),
            (
                prop::sample::select(&["min", "max"][..]),
                inner.clone(),
                inner
            )
                .prop_map(|(f, a, b)| format!("{f}({a}, {b})")),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn small_trees_never_panic_and_read_back(src in arb_expr(), target in prop::option::of(prop::sample::select(UNITS))) {
        let mut env = Env::default();
        env.set("x", bote::Quantity::number(3.0).unwrap());
        let src = match target { Some(t) => format!("{src} -> {t}"), None => src };
        if let Ok(a) = bote::evaluate(&src, &env) {
            let again = bote::evaluate(&a.input, &env).unwrap_or_else(|e| panic!("{} (from {src}): {e}", a.input));
            prop_assert_eq!(again.quantity, a.quantity);
            let shown = bote::evaluate(&a.shown.text, &env).unwrap_or_else(|e| panic!("{} (from {src}): {e}", a.shown.text));
            let (x, y) = (a.quantity.si_value(), shown.quantity.si_value());
            prop_assert!((x - y).abs() <= 5e-4 * x.abs() + 1e-300, "{}: {x} vs {y}", a.shown.text);
        }
    }
}

/// Found by fuzzing: a reading must not nest deeper than its input, or an
/// input near the depth limit would read back as an error.
#[test]
fn a_long_power_chain_reads_back() {
    let src = vec!["2"; 150].join(" ^ ");
    let env = Env::default();
    match bote::evaluate(&src, &env) {
        Ok(a) => assert!(bote::evaluate(&a.input, &env).is_ok(), "{}", a.input),
        Err(e) => assert!(e.to_string().contains("too large"), "{e}"),
    }
    let a = bote::evaluate(&vec!["1"; 150].join(" ^ "), &env).unwrap();
    assert_eq!(bote::evaluate(&a.input, &env).unwrap().quantity, a.quantity);
}
