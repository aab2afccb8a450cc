# Sourced by benches/processes.sh and benches/ranges.sh: builds the floor
# every whole-process timing is read against, a Rust hello-world with the
# same release profile as bote, and sets $hello to its path. Needs $out.
mkdir -p "$out/hello/src"
cat > "$out/hello/Cargo.toml" <<'TOML'
[package]
name = "hello"
version = "0.1.0"
edition = "2024"
[workspace]
[profile.release]
lto = true
codegen-units = 1
panic = "abort"
TOML
echo 'fn main() { println!("hello"); }' > "$out/hello/src/main.rs"
cargo build --release -q --manifest-path "$out/hello/Cargo.toml"
hello="$out/hello/target/release/hello"
