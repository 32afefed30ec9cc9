//! Print statistics for syllables and pairs: `lookup "những nhiều" "nhũng nhiễu" …`.

use rasoat_spell::Model;
use rasoat_text::syllable;

fn main() {
    let m = Model::embedded();
    for arg in std::env::args().skip(1) {
        let keys: Vec<String> = arg.split_whitespace().map(syllable::canonical).collect();
        let ids: Vec<_> = keys.iter().map(|k| m.id(k)).collect();
        let counts: Vec<u32> = ids.iter().map(|id| id.map_or(0, |i| m.count(i))).collect();
        let pairs: Vec<String> = ids
            .windows(2)
            .map(|w| match (w.first().copied().flatten(), w.get(1).copied().flatten()) {
                (Some(a), Some(b)) => {
                    let p = m.pair(a, b);
                    format!("{}{}", p.count, if p.lexicon { "L" } else { "" })
                }
                _ => "-".into(),
            })
            .collect();
        let mut words = Vec::new();
        m.words_with_skeleton(&syllable::skeleton(&keys.join(" ")), &mut words);
        println!("{arg}: unigrams {counts:?} pairs {pairs:?} same-skeleton words {words:?}");
    }
}
