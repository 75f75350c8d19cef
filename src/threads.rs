//! Work on the second core: splitting a job in two, and waiting for its half.

/// The result of a scoped thread; a panic there goes on here, as if it had happened on
/// this thread.
pub(crate) fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Run `here` on this thread and `there` on the second core at the same time, and return
/// both results: the one shape of every two-core split of a big job into halves.
pub(crate) fn both<A, B: Send>(
    here: impl FnOnce() -> A,
    there: impl FnOnce() -> B + Send,
) -> (A, B) {
    std::thread::scope(|scope| {
        let other = scope.spawn(there);
        let mine = here();
        (mine, join(other))
    })
}
