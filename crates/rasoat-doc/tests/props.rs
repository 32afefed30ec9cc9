//! Property tests: the parser is total, its spans are sound, its tree is well formed, and the
//! map back to the user's bytes is exact whatever the encoding.

use proptest::prelude::*;
use rasoat_doc::*;
use unicode_normalization::UnicodeNormalization;

const WORDS: &[&str] = &[
    "Ủy",
    "ban",
    "nhân",
    "dân",
    "phường",
    "Hải",
    "An",
    "thực",
    "hiện",
    "nghiêm",
    "túc",
    "hội",
    "nghị",
    "trực",
    "tuyến",
    "không",
    "ít",
    "hơn",
    "60%",
    "chấn",
    "chỉnh",
    "lề",
    "lối",
    "làm",
    "việc",
    "hiệu",
    "quả",
    "đổi",
    "mới",
    "kỷ",
    "cương",
    "hành",
    "chính",
    "thủ",
    "tục",
    "số",
    "hóa",
    "văn",
    "bản",
    "Quyết",
    "định",
    "534/QĐ-TTg",
    "ngày",
    "31/3/2026",
    "của",
    "Thủ",
    "tướng",
    "Chính",
    "phủ",
    "ưu",
    "tiên",
    "người",
    "đứng",
    "đầu",
    "quyền",
    "khuyến",
    "khích",
    "thuở",
    "nguyễn",
    "Đảng",
];
const MARKERS: &[&str] =
    &["", "", "", "I. ", "II. ", "1. ", "2.1. ", "a) ", "đ) ", "f) ", "- ", "+ ", "Điều 3. "];
const FIXED: &[&str] = &[
    "",
    "",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: /KH-UBND",
    "Số: 263/KH- SXD",
    "Hải An, ngày tháng 5 năm 2026",
    "KẾ HOẠCH",
    "QUYẾT ĐỊNH",
    "Nơi nhận:",
    "- Lưu: VT, VHXH.",
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "Nguyễn Văn Mạnh",
    "PHỤ LỤC",
    "TT\tNội dung\tCơ quan chủ trì\tThời hạn",
    "1\tViệc một\tSở Nội vụ\tQuý II/2026",
    "\tviệc tiếp\t\t",
    "I. Nhóm\t\t\t",
    "**TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH**",
];

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (prop::sample::select(MARKERS), prop::collection::vec(prop::sample::select(WORDS), 1..14), any::<bool>())
            .prop_map(|(m, ws, stop)| format!("{m}{}{}", ws.join(" "), if stop { "." } else { "" })),
        2 => prop::sample::select(FIXED).prop_map(str::to_string),
    ]
}

/// Documents shaped like the real ones: header lines, markers, tables, tails, blank lines.
fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..40).prop_map(|ls| ls.join("\n"))
}

fn check_span(doc: &Document, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(span.start <= span.end && span.end <= doc.text.len(), "{what} {span:?} out of text");
    prop_assert!(
        doc.text.is_char_boundary(span.start) && doc.text.is_char_boundary(span.end),
        "{what} {span:?} not on char boundaries"
    );
    Ok(())
}

/// Every span in the model is sound; blocks are in order and the tree is consistent.
fn check_doc(doc: &Document) -> Result<(), TestCaseError> {
    prop_assert!(!doc.parts.is_empty());
    for &l in &doc.lines {
        check_span(doc, l, "line")?;
    }
    let mut prev_start = 0;
    for (id, b) in doc.blocks.iter().enumerate() {
        check_span(doc, b.span, "block")?;
        check_span(doc, b.text, "block text")?;
        prop_assert!(b.span.contains(b.text), "block text outside its span");
        prop_assert!(b.span.start >= prev_start, "blocks out of order");
        prev_start = b.span.start;
        if let Some(m) = &b.marker {
            check_span(doc, m.span, "marker")?;
            prop_assert_eq!(doc.slice(m.span), m.text.as_str());
            prop_assert!(m.span.end <= b.text.start);
        }
        if let Some(p) = b.parent {
            prop_assert!(p < id, "parent after child");
            let Some(parent) = doc.blocks.get(p) else { return Err(TestCaseError::fail("dangling parent")) };
            prop_assert!(parent.children.contains(&id), "parent does not list child");
        }
        let mut last = id;
        for &c in &b.children {
            prop_assert!(c > last, "children out of order");
            last = c;
            prop_assert_eq!(doc.blocks.get(c).and_then(|x| x.parent), Some(id));
        }
    }
    let mut next_block = 0;
    let mut next_text = 0;
    for part in &doc.parts {
        check_span(doc, part.span, "part")?;
        prop_assert_eq!(part.span.start, next_text, "parts do not tile the text");
        next_text = part.span.end;
        prop_assert_eq!(part.blocks.start, next_block, "part block ranges not contiguous");
        next_block = part.blocks.end;
        for id in part.blocks.clone() {
            let Some(b) = doc.blocks.get(id) else { return Err(TestCaseError::fail("range past blocks")) };
            prop_assert!(part.span.contains(b.span), "block outside its part");
            prop_assert_eq!(b.parent.is_none(), part.roots.contains(&id));
            if let Some(p) = b.parent {
                prop_assert!(part.blocks.contains(&p), "parent in another part");
            }
        }
        let h = &part.header;
        for &s in h.motto.iter().chain(&h.issuer).chain(h.summary.iter()) {
            check_span(doc, s, "header line")?;
        }
        if let Some(n) = &h.number {
            check_span(doc, n.span, "number")?;
            check_span(doc, n.symbol.span, "symbol")?;
            prop_assert_eq!(doc.slice(n.symbol.span), n.symbol.value.as_str());
        }
        if let Some(pd) = &h.place_date {
            check_span(doc, pd.span, "date")?;
        }
        for t in &part.tables {
            check_span(doc, t.span, "table")?;
            check_span(doc, t.header, "table header")?;
            for r in &t.rows {
                check_span(doc, r.span, "row")?;
                for c in &r.cells {
                    for &s in &c.spans {
                        check_span(doc, s, "cell")?;
                        prop_assert!(t.span.contains(s), "cell outside its table");
                    }
                }
            }
        }
        if let Some(r) = &part.recipients {
            check_span(doc, r.span, "recipients")?;
            for &i in &r.items {
                check_span(doc, i, "recipient")?;
            }
        }
        if let Some(s) = &part.signature {
            check_span(doc, s.span, "signature")?;
            for &t in s.titles.iter().chain(s.name.iter()) {
                check_span(doc, t, "signature line")?;
            }
        }
    }
    prop_assert_eq!(next_block, doc.blocks.len(), "blocks outside every part");
    prop_assert_eq!(next_text, doc.text.len(), "parts do not reach the end");
    Ok(())
}

/// Windows-1258 spells Vietnamese with precomposed hats/horns/breves and combining tones.
fn to_1258_form(s: &str) -> String {
    let mut out: Vec<char> = Vec::new();
    for c in s.nfd() {
        if matches!(c, '\u{302}' | '\u{306}' | '\u{31b}') {
            // The hat goes on the base letter, even past a dot below that NFD ordered first.
            let base = out.iter().rposition(|&b| !matches!(b, '\u{300}'..='\u{36f}'));
            if let Some(k) =
                base.and_then(|i| Some((i, unicode_normalization::char::compose(*out.get(i)?, c)?)))
            {
                if let Some(slot) = out.get_mut(k.0) {
                    *slot = k.1;
                }
                continue;
            }
        }
        out.push(c);
    }
    out.into_iter().collect()
}

#[derive(Debug, Clone, Copy)]
enum Form {
    Nfd,
    Crlf,
    Bom,
    W1258,
}

/// Encode `text` one way; return the bytes and the decoded text before normalisation.
fn encode(text: &str, form: Form) -> (Vec<u8>, String) {
    match form {
        Form::Nfd => {
            let t: String = text.nfd().collect();
            (t.clone().into_bytes(), t)
        }
        Form::Crlf => {
            let t = text.replace('\n', "\r\n");
            (t.clone().into_bytes(), t)
        }
        Form::Bom => {
            let mut b = vec![0xEF, 0xBB, 0xBF];
            b.extend_from_slice(text.as_bytes());
            (b, text.to_string())
        }
        Form::W1258 => {
            let t = to_1258_form(&text.replace('\n', "\r\n"));
            let (bytes, _, _) = encoding_rs::WINDOWS_1258.encode(&t);
            (bytes.into_owned(), t)
        }
    }
}

fn decode_piece(bytes: &[u8], form: Form) -> String {
    match form {
        Form::W1258 => encoding_rs::WINDOWS_1258.decode_without_bom_handling(bytes).0.into_owned(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        check_doc(&parse_str(&s))?;
    }

    #[test]
    fn marker_soup_never_panics(s in "[IVXa-fđ0-9 .)\\-+\t\n:*#ĐƠƯơư]{0,300}") {
        check_doc(&parse_str(&s))?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(b in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(doc) = parse_bytes(&b) {
            check_doc(&doc)?;
        }
    }

    #[test]
    fn document_shaped_text_is_sound(text in document()) {
        check_doc(&parse_str(&text))?;
    }

    #[test]
    fn original_offsets_are_exact(
        text in document(),
        form in prop::sample::select(vec![Form::Nfd, Form::Crlf, Form::Bom, Form::W1258]),
    ) {
        let (bytes, decoded) = encode(&text, form);
        let doc = match parse_bytes(&bytes) {
            Ok(doc) => doc,
            // Text too short or too plain to be told from another code page.
            Err(_) if matches!(form, Form::W1258) => return Ok(()),
            Err(e) => return Err(TestCaseError::fail(format!("decode failed: {e:?}"))),
        };
        let nfc: String = text.nfc().collect();
        prop_assert_eq!(&doc.text, &nfc);
        let spans = doc.lines.iter().copied().chain(doc.blocks.iter().flat_map(|b| [b.span, b.text]));
        for span in spans {
            let (os, oe) = (doc.map.original_offset(span.start), doc.map.original_offset(span.end));
            prop_assert!(os <= oe && oe <= bytes.len(), "original span {os}..{oe} out of {}", bytes.len());
            let Some(raw) = bytes.get(os..oe) else { return Err(TestCaseError::fail("bad original span")) };
            let piece = decode_piece(raw, form);
            let snippet = doc.map.snippet(&doc.text, span);
            prop_assert_eq!(&piece, snippet, "snippet differs from the original bytes");
            prop_assert!(decoded.contains(snippet));
            let renorm: String = piece.replace("\r\n", "\n").nfc().collect();
            prop_assert_eq!(renorm.as_str(), doc.slice(span), "original text does not normalise to the span");
        }
    }
}

/// The windows-1258 branch above must really run: a plain Vietnamese paragraph decodes.
#[test]
fn windows_1258_sample_decodes() {
    let text = "I. MỤC ĐÍCH\n\n- Thực hiện nghiêm túc hội nghị trực tuyến, chấn chỉnh lề lối làm việc.";
    let (bytes, _) = encode(text, Form::W1258);
    let Ok(doc) = parse_bytes(&bytes) else { panic!("windows-1258 text did not decode") };
    assert_eq!(doc.encoding, rasoat_text::Encoding::Windows1258);
    assert_eq!(doc.text, text);
    let Some(dash) = doc.blocks.get(1) else { panic!("no dash block") };
    let (s, e) = (doc.map.original_offset(dash.text.start), doc.map.original_offset(dash.text.end));
    let Some(raw) = bytes.get(s..e) else { panic!("bad offsets") };
    assert_eq!(decode_piece(raw, Form::W1258).nfc().collect::<String>(), doc.slice(dash.text));
}
