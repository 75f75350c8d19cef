//! Waiting for work done on the second core.

/// The result of a scoped thread; a panic there goes on here, as if it had happened on
/// this thread.
pub(crate) fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}
