//! What a criteria set carries beside its data: which set it is (for observations checked
//! against it) and what the scorer derives from it once. Neither takes part in a set's
//! equality.

/// Data derived from a set on first use and kept with it: not part of the set's equality, and
/// made anew for a changed set.
#[derive(Debug, Default)]
pub(crate) struct Derived<T>(std::sync::OnceLock<T>);

impl<T> Clone for Derived<T> {
    /// A changed copy of a set derives its data anew.
    fn clone(&self) -> Self {
        Self(std::sync::OnceLock::new())
    }
}

impl<T> PartialEq for Derived<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T> Eq for Derived<T> {}

impl<T> Derived<T> {
    /// The data, derived by `make` on first use.
    pub(crate) fn get_or_init(&self, make: impl FnOnce() -> T) -> &T {
        self.0.get_or_init(make)
    }
}

/// Which set a value was checked against: every set made (read, built, changed) gets its own;
/// clones of a set share it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SetStamp(u64);

impl SetStamp {
    fn new() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Self(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

/// A stamp that does not take part in a set's equality.
#[derive(Debug, Clone, Copy)]
pub(super) struct Stamp(pub(super) SetStamp);

impl Default for Stamp {
    fn default() -> Self {
        Self(SetStamp::new())
    }
}

impl PartialEq for Stamp {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Stamp {}
