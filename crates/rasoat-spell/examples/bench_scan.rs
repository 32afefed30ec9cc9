//! Time the tokeniser layers over a directory of texts: `bench_scan DIR`.

use rasoat_spell::scan::{Unit, scan_line};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_default();
    let mut texts = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if let Ok(t) = std::fs::read_to_string(e.path()) {
            texts.push(t);
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let t0 = std::time::Instant::now();
    let mut n = 0usize;
    for t in &texts {
        n += rasoat_text::token::tokens(t, 0).count();
    }
    let secs = t0.elapsed().as_secs_f64();
    println!("tokens: {n} in {:.1} MB/s", bytes as f64 / 1e6 / secs);
    let t0 = std::time::Instant::now();
    let mut ok = 0usize;
    for t in &texts {
        for tok in rasoat_text::token::tokens(t, 0) {
            ok += usize::from(rasoat_text::syllable::parse(tok.text).is_ok());
        }
    }
    println!("tokens+parse: {ok} in {:.1} MB/s", bytes as f64 / 1e6 / t0.elapsed().as_secs_f64());
    let t0 = std::time::Instant::now();
    let mut units: Vec<Unit<'_>> = Vec::new();
    let mut c = 0usize;
    for t in &texts {
        for line in t.split('\n') {
            scan_line(line, 0, &mut units);
            c += units.len();
        }
    }
    println!("scan_line: {c} in {:.1} MB/s", bytes as f64 / 1e6 / t0.elapsed().as_secs_f64());
}
