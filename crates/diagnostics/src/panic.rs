//! The panic hook: a panic is the one failure no caller gets to record, so the hook writes
//! it — where, the scrubbed message, the thread and a full backtrace — before the previous
//! hook (normally Rust's default, which prints to stderr) runs.

use std::backtrace::Backtrace;
use std::cell::Cell;
use std::panic::PanicHookInfo;
use std::sync::Once;

use crate::log::{emit, token, PANIC_TARGET};
use crate::scrub::scrub;

thread_local! {
    /// Set while this thread writes a panic: a panic inside the writing is left to the
    /// previous hook instead of looping.
    static WRITING: Cell<bool> = const { Cell::new(false) };
}

/// Installs the hook once per process (later calls do nothing). It writes only while a log
/// is open ([`crate::init`]), and always hands over to the hook that was installed before.
pub fn install_panic_hook() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            record_panic(info);
            previous(info);
        }));
    });
}

fn record_panic(info: &PanicHookInfo<'_>) {
    if WRITING.with(|w| w.replace(true)) {
        return;
    }
    // The location is the program's own source file and line, not user data.
    let location = info
        .location()
        .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
        .unwrap_or_else(|| "unknown".into());
    let message = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| scrub(s))
        .or_else(|| info.payload().downcast_ref::<String>().map(|s| scrub(s)))
        .unwrap_or_else(|| "<non-text panic payload>".into());
    let thread = token(std::thread::current().name().unwrap_or("unnamed"));
    // Captured whatever RUST_BACKTRACE says: the log is read after the fact.
    let backtrace = Backtrace::force_capture();
    emit(|| {
        tracing::error!(
            target: PANIC_TARGET,
            location = %location,
            thread = %thread,
            what = %message,
            backtrace = %format_args!("\n{backtrace}"),
            "panicked"
        );
    });
    WRITING.with(|w| w.set(false));
}
