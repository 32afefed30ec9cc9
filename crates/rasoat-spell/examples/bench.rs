//! Throughput of the one-pass spelling analysis over a directory: `bench DIR [ROUNDS]`.

use rasoat_spell::{Checks, Model, analyse};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_default();
    let rounds: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(5);
    let mut texts = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.path().extension().is_some_and(|x| x == "txt")
            && let Ok(t) = std::fs::read_to_string(e.path())
        {
            texts.push(t);
        }
    }
    let model = Model::embedded();
    let bytes: usize = texts.iter().map(String::len).sum::<usize>() * rounds;
    let t0 = std::time::Instant::now();
    let mut n = 0usize;
    for _ in 0..rounds {
        for t in &texts {
            let mut out = Vec::new();
            analyse(model, t, Checks::ALL, &mut out);
            n += out.len();
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "{n} findings, {:.1} MB in {secs:.3} s = {:.1} MB/s (one thread)",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
}
