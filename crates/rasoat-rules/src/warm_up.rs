//! Start-up work done early, on the other core.
//!
//! Checking one plan is a few milliseconds, and the first check of a run also builds what
//! every rule keeps for the whole process: its regexes, the spelling tables (`LazyLock`s).
//! Built lazily, that work sits after the rule packs are read, on one core. [`warm_up`]
//! runs the rules (configured by no pack) over a small built-in plan, so the caller can do it
//! on the other core while it reads the packs: for one file the two overlap instead of adding
//! up. Everything it builds is shared, so it never costs twice; in a large run it is a few
//! milliseconds of the first file's work done earlier.

use crate::{Context, Packs, Registry, Selection};

/// A short plan with the constructs the rules look at: header, number and date, citations,
/// numbered sections, a table row, deadlines, recipients, signature.
const SAMPLE: &str = "ỦY BAN NHÂN DÂN
XÃ AN HÒA

Số: 12/KH-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

An Hòa, ngày 15 tháng 3 năm 2026

KẾ HOẠCH
Thực hiện chuyển đổi số năm 2026

Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;
Thực hiện Kế hoạch số 138/KH-UBND ngày 25/4/2026 của UBND tỉnh.

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

a) Phấn đấu 100% hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến; tỷ lệ số hóa đạt từ 95% trở lên.

2. Yêu cầu

- Các cơ quan, đơn vị thực hiện nghiêm túc, hoàn thành trước ngày 30/6/2026.

II. NHIỆM VỤ, GIẢI PHÁP

1. Văn phòng HĐND và UBND xã chủ trì, phối hợp với các đơn vị liên quan tham mưu tổ chức thực hiện; thời gian: thường xuyên.

III. TỔ CHỨC THỰC HIỆN

Giao Văn phòng theo dõi, đôn đốc, báo cáo kết quả trước ngày 15/12/2026.

Nơi nhận:
- UBND tỉnh;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn A
";

/// Run every rule once over `SAMPLE`, for what they build on first use. Its findings are
/// dropped. Only the first call in a process does anything; it returns whether this call did.
pub fn warm_up() -> bool {
    static STARTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if STARTED.swap(true, std::sync::atomic::Ordering::Relaxed) {
        return false;
    }
    if let Ok(registry) = Registry::new(&Packs::default()) {
        let doc = rasoat_doc::parse_str(SAMPLE);
        let _ = registry.check(&doc, &Context::default(), &Selection::default());
    }
    true
}

#[cfg(test)]
mod tests {
    /// The sample parses as a plan with sections, so the structural rules see their input.
    #[test]
    fn the_sample_is_a_plan() {
        let doc = rasoat_doc::parse_str(super::SAMPLE);
        assert!(doc.blocks.len() >= 6, "{} blocks", doc.blocks.len());
        assert!(!doc.facts.citations.is_empty());
        assert!(!doc.facts.deadlines.is_empty());
        let registry = crate::Registry::new(&crate::Packs::default());
        assert!(registry.is_ok(), "the rules build without packs");
        super::warm_up();
        assert!(!super::warm_up(), "a second call does nothing");
    }
}
