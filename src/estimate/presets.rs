//! The built-in presets: estimate files compiled into the binary so they run
//! from any directory. Only the one asked for is parsed.

/// Name and YAML text of every preset, in the order `bote list` shows them.
pub const PRESETS: [(&str, &str); 11] = [
    (
        "url-shortener",
        include_str!("../../presets/url-shortener.yaml"),
    ),
    (
        "twitter-timeline",
        include_str!("../../presets/twitter-timeline.yaml"),
    ),
    (
        "uber-dispatch",
        include_str!("../../presets/uber-dispatch.yaml"),
    ),
    (
        "stripe-payments",
        include_str!("../../presets/stripe-payments.yaml"),
    ),
    (
        "littles-law",
        include_str!("../../presets/littles-law.yaml"),
    ),
    (
        "kernel-network",
        include_str!("../../presets/kernel-network.yaml"),
    ),
    (
        "tracing-sampling",
        include_str!("../../presets/tracing-sampling.yaml"),
    ),
    (
        "service-mesh",
        include_str!("../../presets/service-mesh.yaml"),
    ),
    (
        "consistent-hashing",
        include_str!("../../presets/consistent-hashing.yaml"),
    ),
    (
        "idempotency-keys",
        include_str!("../../presets/idempotency-keys.yaml"),
    ),
    ("hot-key", include_str!("../../presets/hot-key.yaml")),
];

/// The YAML text of the preset called `name`.
pub fn get(name: &str) -> Option<&'static str> {
    PRESETS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, text)| text)
}

/// The `title:` line of a preset, read without parsing the YAML (for `bote list`).
pub fn title(text: &str) -> &str {
    text.lines()
        .find_map(|l| l.strip_prefix("title:"))
        .map_or("", str::trim)
}
