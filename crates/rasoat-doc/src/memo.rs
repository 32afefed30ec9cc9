//! Analyses computed once per document and shared by every rule that needs them.
//!
//! Rules see only `&Document`, and several of them need the same derived view of its text
//! (the case-folded text, the phrase matches of all packs, the spelling analysis). Computing
//! each view once per document, on first use, is what makes adding a rule cheap (Harper's
//! "one document model shared by all rules"). The cache lives in the document, so it is
//! dropped with it and shared by the threads that check it in parallel.
//!
//! Views are keyed by type: a caller wraps its view in a type of its own, so two crates can
//! never collide on a key.

use std::any::{Any, TypeId};
use std::sync::{Arc, Mutex, OnceLock};

/// A slot holds a `OnceLock<Arc<T>>` for its key `TypeId::of::<T>()`. It is filled outside
/// the lock, so a slow view (spelling) never blocks a fast one (folding) wanted by another
/// thread.
type Slot = Arc<dyn Any + Send + Sync>;

/// Per-document cache of derived views, keyed by type. Cloning a document starts an empty
/// cache (a clone may be edited; its views would go stale).
#[derive(Default)]
pub struct Memo {
    slots: Mutex<Vec<(TypeId, Slot)>>,
}

impl Memo {
    /// The view of type `T`, computed by `init` the first time any thread asks. Concurrent
    /// first callers of the same `T` wait for one computation.
    pub fn get_or_init<T: Any + Send + Sync>(&self, init: impl FnOnce() -> T) -> Arc<T> {
        let slot = self.slot::<T>();
        match slot.downcast_ref::<OnceLock<Arc<T>>>() {
            Some(cell) => Arc::clone(cell.get_or_init(|| Arc::new(init()))),
            // Cannot happen (the slot of `T` is created as a `OnceLock<Arc<T>>`); computing
            // without caching is still the right answer.
            None => Arc::new(init()),
        }
    }

    fn slot<T: Any + Send + Sync>(&self) -> Slot {
        let key = TypeId::of::<T>();
        // A poisoned lock only means a rule panicked while holding it (the pipeline reports
        // that panic); the list itself is always consistent.
        let mut slots = self.slots.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, slot)) = slots.iter().find(|(k, _)| *k == key) {
            return Arc::clone(slot);
        }
        let slot: Slot = Arc::new(OnceLock::<Arc<T>>::new());
        slots.push((key, Arc::clone(&slot)));
        slot
    }
}

impl Clone for Memo {
    fn clone(&self) -> Self {
        Memo::default()
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.slots.lock().map(|s| s.len()).unwrap_or(0);
        write!(f, "Memo({n} views)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    struct Folds(usize);
    struct Counts(String);

    #[test]
    fn computed_once_per_type_and_kept_apart() {
        let memo = Memo::default();
        let calls = AtomicUsize::new(0);
        let a = memo.get_or_init(|| {
            calls.fetch_add(1, Ordering::SeqCst);
            Folds(7)
        });
        let b = memo.get_or_init(|| {
            calls.fetch_add(1, Ordering::SeqCst);
            Folds(8)
        });
        assert_eq!((a.0, b.0), (7, 7));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert_eq!(memo.get_or_init(|| Counts("x".into())).0, "x");
        assert_eq!(memo.clone().get_or_init(|| Folds(9)).0, 9, "a clone starts empty");
    }

    #[test]
    fn threads_share_one_computation() {
        let memo = Memo::default();
        let calls = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    memo.get_or_init(|| {
                        calls.fetch_add(1, Ordering::SeqCst);
                        Folds(1)
                    })
                });
            }
        });
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }
}
