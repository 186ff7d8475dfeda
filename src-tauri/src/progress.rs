//! Progress of long work (import, letter batches, tables), reported to the window as events,
//! and the 取消 the window may send back.
//!
//! The core reports [`Step`]s through a [`Watch`]; [`watched`] turns them into [`Progress`]
//! events for one task (no more than one each [`EVERY`], the last one always), and the task's
//! [`Cancel`] stops the work where nothing is half-written (the core decides where).

use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};
use xianjie::{Cancel, Step, Watch};

/// One progress report of a task the window started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Progress {
    /// The id the window gave the task, so it knows which bar to move.
    pub task: String,
    pub done: u32,
    pub total: u32,
    /// What is happening now, in Chinese (e.g. "正在登记：第 120 封，共 290 封").
    pub message: String,
}

/// The event name the shell emits [`Progress`] under.
pub const EVENT: &str = "progress";

/// The least time between two reports of one task: a bar needs no more, and a 50,000-row
/// import must not flood the window.
pub const EVERY: Duration = Duration::from_millis(80);

/// Runs `f` with a watch whose steps go to `send` as `task`'s [`Progress`] (throttled) and
/// which `cancel` stops.
pub fn watched<T>(
    task: &str,
    cancel: &Cancel,
    send: &dyn Fn(Progress),
    f: impl FnOnce(&Watch<'_>) -> T,
) -> T {
    let last: Cell<Option<Instant>> = Cell::new(None);
    let report = |s: Step| {
        let now = Instant::now();
        let end = s.done >= s.total;
        if !end && last.get().is_some_and(|t| now.duration_since(t) < EVERY) {
            return;
        }
        last.set(Some(now));
        send(Progress {
            task: task.to_string(),
            done: u32::try_from(s.done).unwrap_or(u32::MAX),
            total: u32::try_from(s.total).unwrap_or(u32::MAX),
            message: s.message,
        });
    };
    f(&Watch::new(&report, Some(cancel)))
}

/// The tasks running now, by the window's id, so that 取消 reaches the right one.
#[derive(Debug, Default)]
pub struct Tasks(Mutex<HashMap<String, Cancel>>);

impl Tasks {
    /// A task starts: its stop, kept until [`Tasks::end`].
    pub fn begin(&self, task: &str) -> Cancel {
        let c = Cancel::new();
        self.lock().insert(task.to_string(), c.clone());
        c
    }

    pub fn end(&self, task: &str) {
        self.lock().remove(task);
    }

    /// Asks `task` to stop; `false` when it is not running (already done).
    pub fn cancel(&self, task: &str) -> bool {
        match self.lock().get(task) {
            Some(c) => {
                c.cancel();
                true
            }
            None => false,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Cancel>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[test]
    fn reports_are_throttled_but_the_last_always_goes() {
        let seen = RefCell::new(Vec::new());
        let send = |p: Progress| seen.borrow_mut().push(p.done);
        let tasks = Tasks::default();
        let cancel = tasks.begin("t");
        watched("t", &cancel, &send, |w| {
            for i in 1..=1000 {
                w.step(i, 1000, || format!("{i}"));
            }
        });
        let seen = seen.into_inner();
        assert_eq!(seen.first(), Some(&1));
        assert_eq!(seen.last(), Some(&1000));
        assert!(seen.len() < 50, "{} reports", seen.len());
    }

    #[test]
    fn a_cancelled_task_stops_its_work() {
        let tasks = Tasks::default();
        let cancel = tasks.begin("t");
        assert!(tasks.cancel("t"));
        let r = watched("t", &cancel, &|_| {}, |w| w.check());
        assert_eq!(r.unwrap_err().code, xianjie::ErrorCode::Cancelled);
        tasks.end("t");
        assert!(!tasks.cancel("t"), "an ended task is not running");
    }
}
