//! Print a generated estimate file: `cargo run --release --example generate -- mix 10000`.
//! Used by `benches/processes.sh`; the shapes are those of `benches/engine.rs`.

#[path = "support/shapes.rs"]
mod shapes;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shape = args
        .first()
        .and_then(|name| shapes::Shape::ALL.iter().find(|(n, _)| n == name));
    let size = args.get(1).and_then(|n| n.parse::<usize>().ok());
    let (Some(&(_, shape)), Some(size)) = (shape, size) else {
        eprintln!("usage: generate chain|fan-in|mix QUANTITIES");
        return ExitCode::from(2);
    };
    print!("{}", shapes::generate(shape, size));
    ExitCode::SUCCESS
}
