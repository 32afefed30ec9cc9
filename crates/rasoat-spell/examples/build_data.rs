//! Rebuild `rules/spelling-data/` from the corpora (run by `scripts/spelling/rebuild.sh`).
//!
//! Usage: build_data --large DIR --dev DIR --words FILE --out DIR [--holdout N]
//!
//! Every `*.txt` of `--large` is counted; of `--dev` (sorted by name) every N-th file
//! (index % N == 0, default 5) is held out for measurement and NOT counted. `--words` is pyvi's
//! `models/words.txt` (MIT). Tokenisation is `rasoat_spell::scan`, the same as the checker's.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rasoat_spell::engine::{MIN_CANDIDATE, skeleton_variants};
use rasoat_spell::model::build::{bigram_bytes, csr_bytes, id_rows_bytes, skeleton_entry};
use rasoat_spell::model::trigram_fingerprint;
use rasoat_spell::scan::{Unit, key_into, scan_line};
use rasoat_text::syllable;

const BOUNDARY: u32 = u32::MAX;
/// Tokens seen fewer times are left out of the vocabulary (typos of the corpus, noise).
const MIN_UNIGRAM: u32 = 2;
/// Pairs seen fewer times are not stored: the checker treats them as unattested anyway.
const MIN_BIGRAM: u32 = 2;
/// Corpus pairs this frequent join the two-syllable word index (words mined from the corpus).
const MINED_WORD: u32 = 40;

struct Interner {
    ids: HashMap<String, u32>,
    keys: Vec<String>,
    counts: Vec<u32>,
}

impl Interner {
    fn id(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = u32::try_from(self.keys.len()).unwrap_or(u32::MAX - 1);
        self.ids.insert(key.to_owned(), id);
        self.keys.push(key.to_owned());
        self.counts.push(0);
        id
    }
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|e| e == "txt") && !p.ends_with("README.txt"));
    v.sort();
    v
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let large = arg(&args, "--large").ok_or("--large DIR")?;
    let dev = arg(&args, "--dev").ok_or("--dev DIR")?;
    let words = arg(&args, "--words").ok_or("--words FILE")?;
    let out = PathBuf::from(arg(&args, "--out").ok_or("--out DIR")?);
    let holdout: usize = arg(&args, "--holdout").and_then(|s| s.parse().ok()).unwrap_or(5);

    let mut files = txt_files(Path::new(&large));
    let dev_files = txt_files(Path::new(&dev));
    let held: Vec<&PathBuf> =
        dev_files.iter().enumerate().filter(|(i, _)| i % holdout == 0).map(|(_, p)| p).collect();
    files.extend(dev_files.iter().enumerate().filter(|(i, _)| i % holdout != 0).map(|(_, p)| p.clone()));
    eprintln!("counting {} files ({} dev files held out)", files.len(), held.len());

    let mut intern = Interner { ids: HashMap::new(), keys: Vec::new(), counts: Vec::new() };
    let mut seq: Vec<u32> = Vec::with_capacity(20_000_000);
    let mut key = String::new();
    for f in &files {
        let text = std::fs::read_to_string(f)?;
        let mut units: Vec<Unit<'_>> = Vec::new();
        for line in text.lines() {
            scan_line(line, 0, &mut units);
            for u in &units {
                if u.boundary_before {
                    seq.push(BOUNDARY);
                }
                if u.protected || !key_into(u, &mut key) {
                    seq.push(BOUNDARY);
                    continue;
                }
                let id = intern.id(&key);
                if let Some(c) = intern.counts.get_mut(id as usize) {
                    *c += 1;
                }
                seq.push(id);
            }
            seq.push(BOUNDARY);
        }
    }
    eprintln!(
        "{} tokens, {} distinct keys",
        seq.iter().filter(|&&x| x != BOUNDARY).count(),
        intern.keys.len()
    );

    // Lexicon: pyvi words of two or more syllables, every syllable well formed.
    let words_text = std::fs::read_to_string(&words)?;
    let mut lexicon: Vec<Vec<u32>> = Vec::new();
    for w in words_text.lines() {
        let sylls: Vec<&str> = w.split_whitespace().collect();
        if sylls.len() < 2 || !sylls.iter().all(|s| syllable::is_valid(s)) {
            continue;
        }
        let ids = sylls.iter().map(|s| intern.id(&syllable::canonical(s))).collect();
        lexicon.push(ids);
    }
    eprintln!("{} lexicon words", lexicon.len());

    // Vocabulary: frequent keys and every lexicon syllable, ranked by frequency.
    let mut in_lexicon = vec![false; intern.keys.len()];
    for w in &lexicon {
        for &id in w {
            if let Some(x) = in_lexicon.get_mut(id as usize) {
                *x = true;
            }
        }
    }
    let mut ranked: Vec<u32> = (0..u32::try_from(intern.keys.len())?)
        .filter(|&i| {
            intern.counts.get(i as usize).copied().unwrap_or(0) >= MIN_UNIGRAM
                || in_lexicon.get(i as usize).copied().unwrap_or(false)
        })
        .collect();
    ranked.sort_by_key(|&i| (std::cmp::Reverse(intern.counts.get(i as usize).copied().unwrap_or(0)), i));
    ranked.truncate(usize::from(u16::MAX));
    let mut remap: HashMap<u32, u16> = HashMap::with_capacity(ranked.len());
    for (new, &old) in ranked.iter().enumerate() {
        remap.insert(old, u16::try_from(new)?);
    }
    let n = ranked.len();
    eprintln!("vocabulary {n}");

    // Bigrams.
    let mut pairs: HashMap<(u16, u16), (u32, bool)> = HashMap::new();
    for w in seq.windows(2) {
        let (Some(&a), Some(&b)) = (w.first(), w.get(1)) else { continue };
        if a == BOUNDARY || b == BOUNDARY {
            continue;
        }
        if let (Some(&a), Some(&b)) = (remap.get(&a), remap.get(&b)) {
            pairs.entry((a, b)).or_insert((0, false)).0 += 1;
        }
    }
    for w in &lexicon {
        for p in w.windows(2) {
            let (Some(a), Some(b)) = (p.first(), p.get(1)) else { continue };
            if let (Some(&a), Some(&b)) = (remap.get(a), remap.get(b)) {
                pairs.entry((a, b)).or_insert((0, false)).1 = true;
            }
        }
    }
    let mut table: Vec<(u16, u16, u32, bool)> = pairs
        .iter()
        .filter(|(_, (c, lex))| *c >= MIN_BIGRAM || *lex)
        .map(|(&(a, b), &(c, lex))| (a, b, c, lex))
        .collect();
    table.sort_unstable();
    eprintln!("{} distinct pairs, {} stored", pairs.len(), table.len());

    std::fs::create_dir_all(&out)?;
    // Vocabulary fst (sorted keys) and unigram counts by new id.
    let mut vocab: Vec<(&str, u64)> = ranked
        .iter()
        .enumerate()
        .filter_map(|(new, &old)| intern.keys.get(old as usize).map(|k| (k.as_str(), new as u64)))
        .collect();
    vocab.sort_unstable();
    vocab.dedup_by(|a, b| a.0 == b.0);
    let map = fst::Map::from_iter(vocab.iter().map(|&(k, v)| (k, v)))?;
    std::fs::write(out.join("vocab.fst"), map.as_fst().as_bytes())?;
    let mut uni = Vec::with_capacity(n * 4);
    for &old in &ranked {
        uni.extend_from_slice(&intern.counts.get(old as usize).copied().unwrap_or(0).to_le_bytes());
    }
    std::fs::write(out.join("unigram.bin"), uni)?;
    std::fs::write(out.join("bigram.bin"), bigram_bytes(n, &table))?;

    // Skeleton index of syllables: well-formed vocabulary syllables seen at least 3 times, or
    // in the lexicon.
    let mut syl_entries: Vec<String> = ranked
        .iter()
        .filter_map(|&old| {
            let k = intern.keys.get(old as usize)?;
            let c = intern.counts.get(old as usize).copied().unwrap_or(0);
            let lex = in_lexicon.get(old as usize).copied().unwrap_or(false);
            (syllable::is_valid(k) && (c >= 3 || lex)).then(|| skeleton_entry(&syllable::skeleton(k), k))
        })
        .collect();
    syl_entries.sort_unstable();
    syl_entries.dedup();
    let set = fst::Set::from_iter(syl_entries.iter())?;
    std::fs::write(out.join("syllable-skeletons.fst"), set.as_fst().as_bytes())?;

    // Two-syllable words: lexicon words and frequent corpus pairs of well-formed syllables.
    let key_of = |id: u16| ranked.get(usize::from(id)).and_then(|&old| intern.keys.get(old as usize));
    let mut word_entries: Vec<String> = Vec::new();
    for &(a, b, c, lex) in &table {
        if !(lex || c >= MINED_WORD) {
            continue;
        }
        let (Some(ka), Some(kb)) = (key_of(a), key_of(b)) else { continue };
        if !(syllable::is_valid(ka) && syllable::is_valid(kb)) {
            continue;
        }
        let word = format!("{ka} {kb}");
        word_entries.push(skeleton_entry(&syllable::skeleton(&word), &word));
    }
    word_entries.sort_unstable();
    word_entries.dedup();
    let set = fst::Set::from_iter(word_entries.iter())?;
    std::fs::write(out.join("word-skeletons.fst"), set.as_fst().as_bytes())?;
    eprintln!("{} syllable skeleton entries, {} word entries", syl_entries.len(), word_entries.len());

    // Trigrams seen at least twice, as sorted fingerprints.
    let mut tri: HashMap<u64, u32> = HashMap::new();
    for w in seq.windows(3) {
        let [a, b, c] = [w.first(), w.get(1), w.get(2)].map(|x| x.and_then(|x| remap.get(x)).copied());
        if let (Some(a), Some(b), Some(c)) = (a, b, c) {
            *tri.entry(u64::from(a) << 32 | u64::from(b) << 16 | u64::from(c)).or_insert(0) += 1;
        }
    }
    let mut fps: Vec<u32> = tri
        .iter()
        .filter(|(_, n)| **n >= MIN_BIGRAM)
        .map(|(k, _)| trigram_fingerprint((k >> 32) as u16, (k >> 16) as u16, *k as u16))
        .collect();
    fps.sort_unstable();
    fps.dedup();
    eprintln!("{} distinct trigrams, {} stored", tri.len(), fps.len());
    std::fs::write(out.join("trigrams.bin"), fps.iter().flat_map(|f| f.to_le_bytes()).collect::<Vec<u8>>())?;
    drop(tri);

    // id → key, and each syllable's confusion set (frequent syllables one slip away).
    let keys: Vec<&str> =
        ranked.iter().map(|&old| intern.keys.get(old as usize).map_or("", String::as_str)).collect();
    std::fs::write(out.join("strings.bin"), csr_bytes(&keys))?;
    let mut by_skeleton: HashMap<String, Vec<u16>> = HashMap::new();
    for (id, k) in keys.iter().enumerate() {
        let count = ranked.get(id).and_then(|&old| intern.counts.get(old as usize)).copied().unwrap_or(0);
        if count >= MIN_CANDIDATE && syllable::is_valid(k) {
            by_skeleton.entry(syllable::skeleton(k)).or_default().push(u16::try_from(id)?);
        }
    }
    let mut variants = Vec::new();
    let mut rows: Vec<Vec<u16>> = Vec::with_capacity(keys.len());
    for (id, k) in keys.iter().enumerate() {
        let mut row = Vec::new();
        if syllable::parse(k).is_ok() {
            skeleton_variants(&syllable::skeleton(k), &mut variants);
            for v in &variants {
                row.extend(
                    by_skeleton.get(v).into_iter().flatten().copied().filter(|&c| usize::from(c) != id),
                );
            }
        }
        rows.push(row);
    }
    eprintln!("{} confusion entries", rows.iter().map(Vec::len).sum::<usize>());
    std::fs::write(out.join("confusions.bin"), id_rows_bytes(&rows))?;

    let held_names: Vec<String> =
        held.iter().filter_map(|p| p.file_name().map(|f| f.to_string_lossy().into_owned())).collect();
    std::fs::write(out.join("HELDOUT.txt"), held_names.join("\n") + "\n")?;
    Ok(())
}
