//! Measure the spelling engine on held-out official text (run by `scripts/spelling/measure.sh`).
//!
//! Usage: measure --dev DIR --heldout FILE [--typos FILE] [--show] [--misses] [--per-type N]
//!
//! 1. False alarms: every finding on the held-out files (which the statistics never saw), per
//!    10,000 words. `--show` prints each with its line, to sort genuine typos from false alarms;
//!    `--typos` lists the genuine ones found by hand (file, text as written, correction), and
//!    the rest are counted as false alarms.
//! 2. Detection: errors injected one at a time into held-out lines (tone slips, dropped marks,
//!    onset/final confusions, Telex/VNI leftovers); a hit is a finding on the changed word, and
//!    the suggestion is right when its first candidate restores the original.

use rasoat_spell::scan::{Class, Unit, scan_line};
use rasoat_spell::{Checks, Finding, Model, analyse, check_glued, check_real_words, check_syllables};
use rasoat_text::syllable::{self, Case, Tone};

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

fn check_all(model: &Model, text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    analyse(model, text, Checks::ALL, &mut out);
    out
}

/// Deterministic pseudo-random numbers (no dependency, reproducible figures).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

const TYPES: [&str; 12] = [
    "hoi/nga",
    "other-tone",
    "dropped-mark",
    "tr/ch",
    "s/x",
    "d/gi/r",
    "l/n",
    "n/ng",
    "c/t",
    "no-tone",
    "telex",
    "vni",
];

fn with_tone(letters: &str, tone: Tone) -> Option<String> {
    // Put the tone on the first vowel, then let the parser place it properly.
    let vowels = "aăâeêioôơuưy";
    let i = letters.char_indices().find(|(_, c)| vowels.contains(*c))?.0;
    let mut s = String::new();
    for (j, c) in letters.char_indices() {
        if j == i {
            let composed: String = std::iter::once(c).chain(tone.mark()).collect::<String>();
            use std::fmt::Write;
            let _ = write!(s, "{composed}");
        } else {
            s.push(c);
        }
    }
    let nfc: String = unicode_nfc(&s);
    let syl = syllable::parse(&nfc).ok()?;
    Some(syl.to_string_with(syllable::Placement::Old))
}

fn unicode_nfc(s: &str) -> String {
    // The parser reads precomposed letters only: compose via strip/skeleton-free route.
    use std::iter::FromIterator;
    String::from_iter(rasoat_text::decode_str(s).text.chars())
}

fn mutate(kind: &str, word: &str, rng: &mut Lcg) -> Option<String> {
    let syl = syllable::parse(word).ok()?;
    let letters: String = syl.letters().iter().collect();
    let tone = syl.tone;
    let swap_onset = |pairs: &[(&str, &str)]| -> Option<String> {
        for (a, b) in pairs {
            if let Some(rest) = letters.strip_prefix(a)
                && rest.starts_with(|c: char| "aăâeêioôơuưy".contains(c))
            {
                return with_tone(&format!("{b}{rest}"), tone);
            }
        }
        None
    };
    let out = match kind {
        "hoi/nga" => match tone {
            Tone::Hoi => with_tone(&letters, Tone::Nga),
            Tone::Nga => with_tone(&letters, Tone::Hoi),
            _ => None,
        },
        "other-tone" => {
            let all = [Tone::Ngang, Tone::Huyen, Tone::Sac, Tone::Hoi, Tone::Nga, Tone::Nang];
            let t = all.get(rng.below(6)).copied().unwrap_or(Tone::Ngang);
            if t == tone { None } else { with_tone(&letters, t) }
        }
        "dropped-mark" => {
            let i = letters.chars().position(|c| "ăâêôơưđ".contains(c))?;
            let plain: String =
                letters
                    .chars()
                    .enumerate()
                    .map(|(j, c)| {
                        if j == i {
                            syllable::skeleton(&c.to_string()).chars().next().unwrap_or(c)
                        } else {
                            c
                        }
                    })
                    .collect();
            with_tone(&plain, tone)
        }
        "tr/ch" => swap_onset(&[("tr", "ch"), ("ch", "tr")]),
        "s/x" => swap_onset(&[("s", "x"), ("x", "s")]),
        "d/gi/r" => swap_onset(&[("gi", "d"), ("d", "gi"), ("r", "d")]),
        "l/n" => {
            swap_onset(&[("l", "n"), ("n", "l")]).filter(|w| !w.starts_with("nh") && !w.starts_with("ng"))
        }
        "n/ng" => {
            if let Some(stem) = letters.strip_suffix("ng") {
                with_tone(&format!("{stem}n"), tone)
            } else if let Some(stem) = letters.strip_suffix('n') {
                with_tone(&format!("{stem}ng"), tone)
            } else {
                None
            }
        }
        "c/t" => {
            if letters.ends_with("ch") {
                None
            } else if let Some(stem) = letters.strip_suffix('c') {
                with_tone(&format!("{stem}t"), tone)
            } else if let Some(stem) = letters.strip_suffix('t') {
                with_tone(&format!("{stem}c"), tone)
            } else {
                None
            }
        }
        "no-tone" if tone != Tone::Ngang => with_tone(&letters, Tone::Ngang),
        "telex" => {
            let mut s: String = letters
                .chars()
                .map(|c| match c {
                    'â' => "aa".to_string(),
                    'ê' => "ee".to_string(),
                    'ô' => "oo".to_string(),
                    'ă' => "aw".to_string(),
                    'ơ' => "ow".to_string(),
                    'ư' => "uw".to_string(),
                    'đ' => "dd".to_string(),
                    c => c.to_string(),
                })
                .collect();
            s.push_str(match tone {
                Tone::Ngang => "",
                Tone::Huyen => "f",
                Tone::Sac => "s",
                Tone::Hoi => "r",
                Tone::Nga => "x",
                Tone::Nang => "j",
            });
            Some(s)
        }
        "vni" => {
            let mut s: String = letters
                .chars()
                .map(|c| match c {
                    'â' => "a6".to_string(),
                    'ê' => "e6".to_string(),
                    'ô' => "o6".to_string(),
                    'ă' => "a8".to_string(),
                    'ơ' => "o7".to_string(),
                    'ư' => "u7".to_string(),
                    'đ' => "d9".to_string(),
                    c => c.to_string(),
                })
                .collect();
            // VNI typists put the tone digit after the vowel ("vie65t"); in an open syllable
            // it ends the word ("hoa2"), which the checker leaves alone (footnote marks).
            let digit = match tone {
                Tone::Ngang => "",
                Tone::Sac => "1",
                Tone::Huyen => "2",
                Tone::Hoi => "3",
                Tone::Nga => "4",
                Tone::Nang => "5",
            };
            let last_vowel = s.rfind(|c: char| "aeiouy678".contains(c)).map_or(s.len(), |i| i + 1);
            s.insert_str(last_vowel, digit);

            Some(s)
        }
        _ => None,
    }?;
    (out != letters_with_tone(word) && out != word).then_some(out)
}

fn letters_with_tone(word: &str) -> String {
    syllable::canonical(word)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let dev = std::path::PathBuf::from(arg(&args, "--dev").ok_or("--dev DIR")?);
    let heldout = arg(&args, "--heldout").ok_or("--heldout FILE")?;
    let show = args.iter().any(|a| a == "--show");
    let misses = args.iter().any(|a| a == "--misses");
    let per_type: usize = arg(&args, "--per-type").and_then(|s| s.parse().ok()).unwrap_or(1000);
    // Genuine typos of the held-out files: (file, text as written).
    let typos: Vec<(String, String)> = match arg(&args, "--typos") {
        Some(path) => std::fs::read_to_string(path)?
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some((f.next()?.to_string(), f.next()?.to_string()))
            })
            .collect(),
        None => Vec::new(),
    };
    let mut genuine = 0usize;
    let model = Model::embedded();
    let names = std::fs::read_to_string(heldout)?;
    let mut texts = Vec::new();
    for name in names.lines().filter(|l| !l.trim().is_empty()) {
        texts.push((name.to_string(), std::fs::read_to_string(dev.join(name))?));
    }

    // 1. False alarms.
    let (mut words, mut bytes, mut found) = (0usize, 0usize, 0usize);
    let mut by_kind = std::collections::BTreeMap::new();
    let mut secs = 0.0f64;
    for (name, text) in &texts {
        bytes += text.len();
        let t0 = std::time::Instant::now();
        let findings = check_all(model, text);
        secs += t0.elapsed().as_secs_f64();
        found += findings.len();
        for f in &findings {
            *by_kind.entry(format!("{:?}", f.kind)).or_insert(0usize) += 1;
            let written = text.get(f.span.start..f.span.end).unwrap_or("");
            genuine += usize::from(typos.iter().any(|(file, w)| file == name && w == written));
            if show {
                let ls = text.get(..f.span.start).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
                let le =
                    text.get(f.span.end..).and_then(|t| t.find('\n')).map_or(text.len(), |i| f.span.end + i);
                let line = text.get(ls..le).unwrap_or("");
                let ctx: String = {
                    let a = f.span.start.saturating_sub(ls);
                    let pre: String = line
                        .get(..a)
                        .unwrap_or("")
                        .chars()
                        .rev()
                        .take(40)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    let post: String = line.get(f.span.end - ls..).unwrap_or("").chars().take(40).collect();
                    format!("{pre}[[{}]]{post}", text.get(f.span.start..f.span.end).unwrap_or(""))
                };
                println!("{name}\t{:?}\t{:?}\t{ctx}", f.kind, f.candidates);
            }
        }
        let mut units: Vec<Unit<'_>> = Vec::new();
        for line in text.lines() {
            scan_line(line, 0, &mut units);
            words += units.iter().filter(|u| matches!(u.class, Class::Syllable | Class::Other)).count();
        }
    }
    println!(
        "held-out: {} files, {words} words, {found} findings = {:.2} per 10,000 words; by kind {by_kind:?}; {:.1} MB/s",
        texts.len(),
        found as f64 * 10_000.0 / words.max(1) as f64,
        bytes as f64 / 1e6 / secs.max(1e-9)
    );
    if !typos.is_empty() {
        let false_alarms = found - genuine;
        println!(
            "  of which {genuine} genuine typos (listed), {false_alarms} false alarms = {:.2} per 10,000 words",
            false_alarms as f64 * 10_000.0 / words.max(1) as f64
        );
    }

    // Speed of each check alone (release build; single thread).
    for (label, f) in [
        ("syllable", check_syllables as fn(&Model, &str, &mut Vec<Finding>)),
        ("real-word", check_real_words),
        ("glued-words", check_glued),
        ("all three in one pass", |m: &Model, t: &str, o: &mut Vec<Finding>| analyse(m, t, Checks::ALL, o)),
    ] {
        let t0 = std::time::Instant::now();
        let mut out = Vec::new();
        for (_, text) in &texts {
            f(model, text, &mut out);
        }
        println!("{label}: {:.1} MB/s", bytes as f64 / 1e6 / t0.elapsed().as_secs_f64().max(1e-9));
    }

    // 2. Detection of injected errors.
    let mut rng = Lcg(0x5eed);
    let mut lines: Vec<&str> = Vec::new();
    for (_, text) in &texts {
        lines.extend(text.lines());
    }
    println!("{:<13} {:>6} {:>8} {:>9} {:>9}", "type", "n", "detected", "suggested", "real-word");
    let (mut all_n, mut all_hit) = (0usize, 0usize);
    for kind in TYPES {
        let (mut n, mut hit, mut right, mut real) = (0usize, 0usize, 0usize, 0usize);
        let mut attempts = 0usize;
        while n < per_type && attempts < per_type * 200 {
            attempts += 1;
            let line = lines.get(rng.below(lines.len())).copied().unwrap_or("");
            let mut units: Vec<Unit<'_>> = Vec::new();
            let vietnamese = scan_line(line, 0, &mut units);
            if !vietnamese || units.len() < 4 {
                continue;
            }
            let i = rng.below(units.len());
            let Some(u) = units.get(i) else { continue };
            let has_neighbour =
                (i > 0 && !u.boundary_before) || units.get(i + 1).is_some_and(|n| !n.boundary_before);
            if u.class != Class::Syllable || u.case != Case::Lower || u.protected || !has_neighbour {
                continue;
            }
            // Only inject into text the checker leaves alone, so a finding is due to the error.
            if !check_all(model, line).is_empty() {
                continue;
            }
            let Some(bad) = mutate(kind, u.text, &mut rng) else { continue };
            let new_line = format!(
                "{}{bad}{}",
                line.get(..u.start).unwrap_or(""),
                line.get(u.span().end..).unwrap_or("")
            );
            n += 1;
            real += usize::from(syllable::is_valid(&bad) && model.count_of(&syllable::canonical(&bad)) > 0);
            let end = u.start + bad.len();
            let findings = check_all(model, &new_line);
            if let Some(f) = findings.iter().find(|f| {
                f.span.start <= u.start && f.span.end >= end || f.span.start < end && f.span.end > u.start
            }) {
                hit += 1;
                let fixed = f.candidates.first().map(|c| {
                    syllable::canonical(
                        c.split_whitespace().nth(if f.span.start < u.start { 1 } else { 0 }).unwrap_or(c),
                    )
                });
                right += usize::from(fixed.as_deref() == Some(syllable::canonical(u.text).as_str()));
            } else if misses {
                let pre: String = new_line
                    .get(..u.start)
                    .unwrap_or("")
                    .chars()
                    .rev()
                    .take(25)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let post: String = new_line.get(u.start..).unwrap_or("").chars().take(30).collect();
                let ctx = format!("{pre}{post}");
                println!("MISS {kind}: {} → {bad}: …{ctx}…", u.text);
            }
        }
        all_n += n;
        all_hit += hit;
        println!("{kind:<13} {n:>6} {:>7.1}% {:>8.1}% {:>8.1}%", pct(hit, n), pct(right, hit), pct(real, n));
    }
    println!("all           {all_n:>6} {:>7.1}%", pct(all_hit, all_n));
    Ok(())
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 * 100.0 / b as f64 }
}
