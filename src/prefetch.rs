//! A cache hint for loops that know, a little ahead, which scattered memory they will
//! read: interning names a few lines ahead, and a settled state's targets.

/// Start loading the cache line holding `place`. Only a hint: it changes no value, and a
/// hint about memory that is then not read merely wastes a little bandwidth.
#[inline(always)]
pub fn prefetch<T>(place: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch has no architectural effect and cannot fault (here the address
    // is even a live reference), and SSE is part of every x86_64 target.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>((place as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = place;
}
