//! Vietnamese spelling statistics and the real-word candidate engine of rasoat.
//!
//! - [`scan`]: one tokenisation shared by the data builder and the checker, so that the
//!   statistics count exactly what the checker later looks up (canonical keys, boundaries).
//! - [`model`]: the embedded data — syllable vocabulary (fst), unigram and bigram counts (a
//!   grouped sorted table read in place), and skeleton indexes of syllables and two-syllable
//!   words (fst). Nothing is parsed at startup.
//! - [`engine`]: real-word errors (every syllable exists, the word does not), Telex/VNI
//!   leftovers with known decodings, and words glued together.
//!
//! The data lives in `rules/spelling-data/` and is rebuilt by `scripts/spelling/rebuild.sh`
//! (see its README for sources and licences).

pub mod engine;
pub mod model;
pub mod orthography;
pub mod scan;

pub use engine::{Finding, FindingKind, check_glued, check_real_words};
pub use model::Model;
pub use orthography::check_syllables;
