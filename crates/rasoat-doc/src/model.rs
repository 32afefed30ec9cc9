//! The Document model every rule reads.
//!
//! One parse, many rules (as in Harper): rules never re-parse text, they walk this model. Every
//! element carries a [`Span`] into [`Document::text`] (normalised NFC text with `\n` endings);
//! [`Document::map`] turns spans back into the user's bytes, lines and columns.
//!
//! Indices rather than references link elements (`BlockId`, `parent`, `children`), so the
//! model is plain data: cheap to build, `Send + Sync` for rayon, and serialisable for
//! `rasoat parse --format json`.

use rasoat_text::{Encoding, LegacyFont, SourceMap, Span};
use serde::Serialize;

/// A parsed file. A file may hold several documents ([`Part`]s): a Quyết định that issues a
/// Kế hoạch carries the plan after the decision.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// Normalised text (NFC, `\n`): every span points into it.
    pub text: String,
    #[serde(skip)]
    pub map: SourceMap,
    pub encoding: Encoding,
    pub legacy_font: Option<LegacyFont>,
    /// Every line of `text`, without its `\n`.
    pub lines: Vec<Span>,
    /// The documents in this file, in order; never empty.
    pub parts: Vec<Part>,
    /// All body blocks of all parts, in document order; `Part::blocks` are ranges into it.
    pub blocks: Vec<Block>,
    /// Facts extracted from the whole file, in document order.
    pub facts: Facts,
    /// Views of this document computed once and shared by the rules ([`Document::shared`]).
    #[serde(skip)]
    pub memo: crate::memo::Memo,
}

/// Index into [`Document::blocks`].
pub type BlockId = usize;

/// One document inside a file: header, body, appendix tables, recipients, signature.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    pub span: Span,
    pub header: Header,
    /// Range of [`Document::blocks`] that belong to this part's body.
    pub blocks: std::ops::Range<BlockId>,
    /// Top-level blocks of the body (no parent), in order.
    pub roots: Vec<BlockId>,
    pub tables: Vec<Table>,
    pub recipients: Option<Recipients>,
    pub signature: Option<Signature>,
}

/// Something with a span and a normalised value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spanned<T> {
    pub span: Span,
    pub value: T,
}

/// The kind of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục III).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    KeHoach,
    QuyetDinh,
    NghiDinh,
    NghiQuyet,
    KetLuan,
    ChiThi,
    ThongTu,
    ThongBao,
    CongVan,
    BaoCao,
    Luat,
    ChuongTrinh,
    /// Quy định: usually a regulation issued by (and attached to) a Quyết định.
    QuyDinh,
    /// Quy chế: rules of procedure, usually attached to a Quyết định.
    QuyChe,
    /// Đề án: a scheme or project, standalone or attached to a Quyết định.
    DeAn,
    Other,
}

impl DocKind {
    /// The kind from its kebab-case name as packs write it ("ke-hoach"; the serde name).
    pub fn from_kebab(s: &str) -> Option<DocKind> {
        Some(match s {
            "ke-hoach" => DocKind::KeHoach,
            "quyet-dinh" => DocKind::QuyetDinh,
            "nghi-dinh" => DocKind::NghiDinh,
            "nghi-quyet" => DocKind::NghiQuyet,
            "ket-luan" => DocKind::KetLuan,
            "chi-thi" => DocKind::ChiThi,
            "thong-tu" => DocKind::ThongTu,
            "thong-bao" => DocKind::ThongBao,
            "cong-van" => DocKind::CongVan,
            "bao-cao" => DocKind::BaoCao,
            "luat" => DocKind::Luat,
            "chuong-trinh" => DocKind::ChuongTrinh,
            "quy-dinh" => DocKind::QuyDinh,
            "quy-che" => DocKind::QuyChe,
            "de-an" => DocKind::DeAn,
            "other" => DocKind::Other,
            _ => return None,
        })
    }

    /// The kind's name as written in a document ("Kế hoạch"), for messages and reports.
    pub fn name_vi(self) -> &'static str {
        match self {
            DocKind::KeHoach => "Kế hoạch",
            DocKind::QuyetDinh => "Quyết định",
            DocKind::NghiDinh => "Nghị định",
            DocKind::NghiQuyet => "Nghị quyết",
            DocKind::KetLuan => "Kết luận",
            DocKind::ChiThi => "Chỉ thị",
            DocKind::ThongTu => "Thông tư",
            DocKind::ThongBao => "Thông báo",
            DocKind::CongVan => "Công văn",
            DocKind::BaoCao => "Báo cáo",
            DocKind::Luat => "Luật",
            DocKind::ChuongTrinh => "Chương trình",
            DocKind::QuyDinh => "Quy định",
            DocKind::QuyChe => "Quy chế",
            DocKind::DeAn => "Đề án",
            DocKind::Other => "Văn bản",
        }
    }

    /// The symbol abbreviation this kind uses in a document number (`KH`, `QĐ`, `NĐ`…).
    pub fn symbol(self) -> Option<&'static str> {
        Some(match self {
            DocKind::KeHoach => "KH",
            DocKind::QuyetDinh => "QĐ",
            DocKind::NghiDinh => "NĐ",
            DocKind::NghiQuyet => "NQ",
            DocKind::KetLuan => "KL",
            DocKind::ChiThi => "CT",
            DocKind::ThongTu => "TT",
            DocKind::ThongBao => "TB",
            DocKind::BaoCao => "BC",
            DocKind::ChuongTrinh => "CTr",
            DocKind::QuyChe => "QC",
            DocKind::DeAn => "ĐA",
            // A state Quy định is "QyĐ" (Nghị định 30/2020, Phụ lục III) but a Party one is "QĐ"
            // (178-QĐ/TW): no single symbol to check against.
            DocKind::CongVan | DocKind::Luat | DocKind::QuyDinh | DocKind::Other => return None,
        })
    }

    /// The kind named by a word as written in a document ("Quyết định", "KẾ HOẠCH").
    pub fn from_name(name: &str) -> Option<DocKind> {
        Self::from_lower_name(&name.trim().to_lowercase())
    }

    /// [`DocKind::from_name`] of a name already trimmed and lower-cased.
    pub(crate) fn from_lower_name(lower: &str) -> Option<DocKind> {
        Some(match lower {
            "kế hoạch" => DocKind::KeHoach,
            "quyết định" => DocKind::QuyetDinh,
            "nghị định" => DocKind::NghiDinh,
            "nghị quyết" => DocKind::NghiQuyet,
            "kết luận" => DocKind::KetLuan,
            "chỉ thị" => DocKind::ChiThi,
            "thông tư" => DocKind::ThongTu,
            "thông báo" => DocKind::ThongBao,
            "công văn" => DocKind::CongVan,
            "báo cáo" => DocKind::BaoCao,
            "luật" => DocKind::Luat,
            "chương trình" => DocKind::ChuongTrinh,
            "quy định" => DocKind::QuyDinh,
            "quy chế" => DocKind::QuyChe,
            "đề án" => DocKind::DeAn,
            _ => return None,
        })
    }
}

/// A calendar date. Validity (31/4 does not exist) is a separate question: see [`Date::is_valid`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub const fn new(year: i32, month: u8, day: u8) -> Self {
        Self { year, month, day }
    }

    pub fn days_in_month(year: i32, month: u8) -> u8 {
        match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => 0,
        }
    }

    pub fn is_valid(&self) -> bool {
        (1..=12).contains(&self.month)
            && self.day >= 1
            && self.day <= Self::days_in_month(self.year, self.month)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}/{:02}/{}", self.day, self.month, self.year)
    }
}

// ---------------------------------------------------------------------------------------------
// Header

#[derive(Debug, Clone, Default, Serialize)]
pub struct Header {
    /// The national motto lines ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc").
    pub motto: Vec<Span>,
    /// Issuing body lines ("ỦY BAN NHÂN DÂN", "PHƯỜNG HẢI AN").
    pub issuer: Vec<Span>,
    pub number: Option<DocNumber>,
    pub place_date: Option<PlaceDate>,
    /// The type line ("KẾ HOẠCH") and its kind, the span as written: a lower-case "Kế hoạch"
    /// in the header zone counts (so `format/type-line` can report it), and so does the type
    /// name at the start of a line that carries the summary too ("QUYẾT ĐỊNH CÔNG BỐ …").
    ///
    /// A công văn has no type line: its kind ([`DocKind::CongVan`]) comes from its header — a
    /// number and, under it, a "V/v …" summary (or "Về …" under a symbol with no type code,
    /// "5155/SGDĐT-GDTXNNĐH"). Its span is then empty, at the end of the header: there is no
    /// written type line to point at, and a rule that checks the written type line must skip
    /// an empty span.
    pub doc_type: Option<Spanned<DocKind>>,
    /// The summary line(s) after the type ("Triển khai thực hiện…").
    pub summary: Option<Span>,
}

/// The `Số: 263/KH-UBND` line (also `Luật số: 60/2024/QH15`, and a Party document's
/// `Số 60-NQ/TW`). Drafts leave the number blank (`Số: /KH-UBND`). A state number written
/// without its colon (`Số 12/KH-UBND`) gives no `DocNumber`: the header still goes on past
/// it, and `format/document-number` reports the colon.
#[derive(Debug, Clone, Serialize)]
pub struct DocNumber {
    /// The whole line.
    pub span: Span,
    /// The number, when filled in ("263").
    pub number: Option<Spanned<String>>,
    /// Everything after the number's `/` ("KH-UBND"), exactly as written (spaces kept). For a
    /// Party document ("Số 60-NQ/TW"), everything after the number's `-` ("NQ/TW").
    pub symbol: Spanned<String>,
}

/// The `Hải An, ngày … tháng 5 năm 2026` line. Day (and month) may be blank in drafts.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceDate {
    pub span: Span,
    pub place: Option<Spanned<String>>,
    pub day: Option<Spanned<u8>>,
    pub month: Option<Spanned<u8>>,
    pub year: Option<Spanned<i32>>,
}

impl PlaceDate {
    /// The date when day, month and year are all filled in.
    pub fn date(&self) -> Option<Date> {
        Some(Date::new(self.year.as_ref()?.value, self.month.as_ref()?.value, self.day.as_ref()?.value))
    }
}

// ---------------------------------------------------------------------------------------------
// Body

/// The level of a body block, from its marker (Nghị định 30/2020, Phụ lục I: I. → 1. → a) → - → +).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    /// `I.`, `II.`: a Roman-numbered part (phần).
    Roman,
    /// `1.`, `1.1.`, `2.3.1.`: a numbered section; depth is the count of numbers.
    Numbered { depth: u8 },
    /// `a)`, `đ)`: a lettered point.
    Point,
    /// `-` (or `–`, `•`): a first-level bullet.
    Dash,
    /// `+`: a second-level bullet.
    Plus,
    /// `Điều 1.`: an article (in a Quyết định).
    Article,
    /// Plain text without a marker.
    Paragraph,
}

/// The numbering marker at the start of a block, exactly as written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Marker {
    pub span: Span,
    /// The marker's text as written ("II.", "1.2.", "đ)", "-").
    pub text: String,
    /// The numbers it carries: Roman and Arabic numbers as integers (`1.2.` → [1, 2]); a point
    /// letter as its 1-based position in the Vietnamese alphabet (a=1, b=2, c=3, d=4, đ=5, e=6, g=7…);
    /// empty for bullets.
    pub numbers: Vec<u32>,
}

/// A block of the body: a heading or paragraph with its marker, and its sub-blocks.
#[derive(Debug, Clone, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    pub marker: Option<Marker>,
    /// The block's own text after the marker (a paragraph re-joined across a page break covers
    /// both pieces and the blank line between them).
    pub text: Span,
    /// Marker and text.
    pub span: Span,
    pub parent: Option<BlockId>,
    pub children: Vec<BlockId>,
    /// True when the text looks like a heading (short, no final full stop, or all upper case).
    pub heading: bool,
}

// ---------------------------------------------------------------------------------------------
// Appendix tables

/// What a table column holds, recognised from its header cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnKind {
    /// TT / STT.
    Number,
    /// Nội dung / Nhiệm vụ.
    Task,
    /// Cơ quan/đơn vị chủ trì.
    Lead,
    /// Cơ quan/đơn vị phối hợp.
    Coordinate,
    /// Sản phẩm / Kết quả đầu ra / Hình thức văn bản.
    Output,
    /// Thời gian hoàn thành / Thời hạn.
    Deadline,
    Other,
}

#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub kind: ColumnKind,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// Index into [`Table::columns`].
    pub column: usize,
    /// The cell's text; a row continued across a page break has several pieces.
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RowKind {
    /// A task row.
    Task,
    /// A group heading row ("I. Chỉ đạo điều hành…").
    Group,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub kind: RowKind,
    /// The row including continuation lines.
    pub span: Span,
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell of the first column of `kind`, if the row has one.
    pub fn cell(&self, table: &Table, kind: ColumnKind) -> Option<&Cell> {
        self.cells.iter().find(|c| table.columns.get(c.column).is_some_and(|col| col.kind == kind))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub span: Span,
    /// The header row's span (the first copy; repeats on later pages are dropped).
    pub header: Span,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// The title line above the table ("PHỤ LỤC …"), when there is one.
    pub title: Option<Span>,
}

// ---------------------------------------------------------------------------------------------
// Recipients and signature

#[derive(Debug, Clone, Serialize)]
pub struct Recipients {
    /// From "Nơi nhận:" to the last recipient line.
    pub span: Span,
    /// One per recipient line, including the final `- Lưu: VT, …` line.
    pub items: Vec<Span>,
}

/// The signer's authority prefix (Nghị định 30/2020, Điều 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Authority {
    /// TM. — on behalf of a collective.
    Tm,
    /// KT. — signing for the head (deputy).
    Kt,
    /// Q. — acting head.
    Q,
    /// TL. — by order of.
    Tl,
    /// TUQ. — by authorisation.
    Tuq,
}

#[derive(Debug, Clone, Serialize)]
pub struct Signature {
    pub span: Span,
    /// The authority prefix and its exact text ("TM." / "KT"): the first of [`Self::authorities`].
    pub authority: Option<Spanned<Authority>>,
    /// Every authority prefix of the block, in order, each with its text as written ("TM." on
    /// the first line, "KT." before "CHỦ TỊCH"). A malformed prefix ("Tm", "KT" without its
    /// full stop) is kept as written so a rule can report it.
    pub authorities: Vec<Spanned<Authority>>,
    /// Title lines ("ỦY BAN NHÂN DÂN", "CHỦ TỊCH").
    pub titles: Vec<Span>,
    /// The signer's name, when present.
    pub name: Option<Span>,
}

// ---------------------------------------------------------------------------------------------
// Extracted facts

#[derive(Debug, Clone, Default, Serialize)]
pub struct Facts {
    pub targets: Vec<Target>,
    pub durations: Vec<Duration>,
    pub deadlines: Vec<Deadline>,
    pub citations: Vec<Citation>,
}

/// How a target compares its subject with its value (DOMAIN.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Comparator {
    /// ≥: không ít hơn, tối thiểu, ít nhất, từ X trở lên, đạt X trở lên.
    AtLeast,
    /// >: trên, hơn.
    MoreThan,
    /// ≤: không quá, không vượt quá, tối đa.
    AtMost,
    /// <: dưới.
    LessThan,
    /// A reduction by the value: giảm, cắt giảm, tinh giản X.
    Decrease,
    /// About: khoảng, gần, xấp xỉ — states no commitment.
    About,
    /// A bare number ("đạt 100%").
    Exactly,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Percent,
    Day,
    /// A counted thing ("hội nghị", "văn bản", "lần").
    Count(String),
}

/// A quantified target ("không ít hơn 60% tổng số hội nghị"), or a vague one stated without a
/// number ("đa số hội nghị được tổ chức trực tuyến").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    /// The number and its comparator ("không ít hơn 60%"), or the vague phrase.
    pub span: Span,
    /// The number, when there is one (`1,5` → 1.5).
    pub value: Option<f64>,
    pub unit: Option<Unit>,
    pub comparator: Option<Comparator>,
    /// The vague wording when there is no number ("đa số", "được nâng lên").
    pub vague: Option<String>,
    /// The clause the target measures: from the previous clause boundary (`;` `.` `:` or
    /// line start) to the next, so subject phrases can be matched before or after the number.
    pub clause: Span,
    /// The block (or table row) it was found in.
    pub block: Option<BlockId>,
    pub in_table: bool,
}

/// A duration limit ("không quá 1/2 ngày", "1,5 ngày").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duration {
    pub span: Span,
    /// In days (`1/2` and `nửa` → 0.5).
    pub days: f64,
    pub comparator: Option<Comparator>,
    /// The clause around it (to tell a briefing from a professional meeting).
    pub clause: Span,
}

/// When something recurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Recurrence {
    /// Thường xuyên / liên tục.
    Continuous,
    /// Hằng năm / hàng năm.
    Yearly,
    /// Hằng quý / định kỳ hằng quý.
    Quarterly,
    /// Hằng tháng.
    Monthly,
    /// Hằng tuần.
    Weekly,
    /// Định kỳ (unspecified period).
    Periodic,
}

/// A deadline's normalised value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type")]
pub enum DeadlineValue {
    /// A day ("trước ngày 10/5/2026"). `year` is filled from the document date when omitted.
    Date {
        date: Date,
        before: bool,
    },
    /// A period ("Quý IV/2026" → 1/10–31/12; "Tháng 5/2026"; "năm 2026").
    Range {
        start: Date,
        end: Date,
    },
    Recurring {
        every: Recurrence,
    },
    /// Deadline text that could not be read.
    Unreadable,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deadline {
    pub span: Span,
    pub value: DeadlineValue,
    /// Where it was found: `Some((table index within its part, row index))` for an appendix cell.
    pub row: Option<(usize, usize)>,
}

/// A citation of another document ("Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng
/// Chính phủ").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Citation {
    /// From the type word to the end of the issuer (or of the number when there is none).
    pub span: Span,
    pub kind: DocKind,
    /// The number and symbol exactly as written ("534/QĐ-TTg", "226- KL/TW").
    pub number_text: Spanned<String>,
    /// Canonical key for comparing citations: no spaces, upper case ("534/QĐ-TTG").
    pub key: String,
    /// The document's own number ("534", "226").
    pub number: Option<String>,
    /// The year inside the number (`09/2019/NĐ-CP` → 2019).
    pub year: Option<i32>,
    /// The symbol after the number and year ("QĐ-TTg", "KL/TW").
    pub symbol: String,
    /// The date, with the span of its text (both "24/01/2019" and "24 tháng 01 năm 2019").
    pub date: Option<Spanned<Date>>,
    /// "của `<issuer>`" when given.
    pub issuer: Option<Spanned<String>>,
}

// ---------------------------------------------------------------------------------------------
// Navigation helpers

impl Document {
    /// The view of type `T` of this document, computed by `init` on first use and shared by
    /// every later caller (all rules, all threads). Wrap the view in a type of your own.
    pub fn shared<T: std::any::Any + Send + Sync>(&self, init: impl FnOnce() -> T) -> std::sync::Arc<T> {
        self.memo.get_or_init(init)
    }

    /// The text of a span (empty when the span does not fit).
    // `Span::text` spelt out and inlined: rules call this hundreds of thousands of times, and
    // across crates the call itself cost more than the slicing.
    #[inline]
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// The innermost block whose span contains `offset`.
    pub fn block_at(&self, offset: usize) -> Option<BlockId> {
        // Blocks are in document order; the innermost is the last one starting at or before.
        let idx = self.blocks.partition_point(|b| b.span.start <= offset);
        (0..idx)
            .rev()
            .find(|&i| self.blocks.get(i).is_some_and(|b| b.span.start <= offset && offset < b.span.end))
    }

    /// The part that contains `offset` (the first part when none does).
    pub fn part_at(&self, offset: usize) -> Option<&Part> {
        self.parts.iter().find(|p| p.span.start <= offset && offset < p.span.end).or(self.parts.first())
    }

    /// The main document of the file: the first plan (Kế hoạch) when there is one, otherwise
    /// the first part.
    pub fn main_part(&self) -> Option<&Part> {
        self.parts
            .iter()
            .find(|p| p.header.doc_type.as_ref().is_some_and(|t| t.value == DocKind::KeHoach))
            .or(self.parts.first())
    }

    /// The date of the document (from its place-and-date line), when filled in.
    pub fn date(&self) -> Option<Date> {
        self.parts.iter().find_map(|p| p.header.place_date.as_ref()?.date())
    }

    /// The year of the document, even when the day is left blank in a draft.
    pub fn year(&self) -> Option<i32> {
        self.parts.iter().find_map(|p| Some(p.header.place_date.as_ref()?.year.as_ref()?.value))
    }

    /// Iterate over the children of a block.
    pub fn children(&self, id: BlockId) -> impl Iterator<Item = &Block> {
        self.blocks
            .get(id)
            .into_iter()
            .flat_map(move |b| b.children.iter().filter_map(|&c| self.blocks.get(c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Document::slice` is `Span::text` spelt out: the same text for every span, in range or
    /// not, on char boundaries or not.
    #[test]
    fn slice_is_span_text() {
        let doc = crate::parse_str("Kế hoạch số 1\nỦy ban");
        let n = doc.text.len();
        for start in 0..n + 3 {
            for end in 0..n + 3 {
                let span = Span { start, end };
                assert_eq!(doc.slice(span), span.text(&doc.text), "{start}..{end}");
            }
        }
    }
}
