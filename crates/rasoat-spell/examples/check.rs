//! Print the findings for each line of stdin: `echo "tình trạng chông chéo" | check`.

use std::io::Read;

use rasoat_spell::{Checks, Model, analyse};

fn main() {
    let mut text = String::new();
    let _ = std::io::stdin().read_to_string(&mut text);
    let mut out = Vec::new();
    analyse(Model::embedded(), &text, Checks::ALL, &mut out);
    for f in out {
        println!("{:?} {:?} → {:?}", f.kind, text.get(f.span.start..f.span.end).unwrap_or(""), f.candidates);
    }
}
