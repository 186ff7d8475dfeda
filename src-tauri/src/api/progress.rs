//! Progress of long work (import, batch letters, exports), reported to the window as events.
//!
//! Long API functions take a `&dyn Fn(Progress)`; the shell forwards each call as a
//! `progress` event so the window shows a bar while the work runs off the UI thread.

use serde::{Deserialize, Serialize};

/// One progress report of a task the window started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Progress {
    /// The id the window gave the task, so it knows which bar to move.
    pub task: String,
    pub done: u32,
    pub total: u32,
    /// What is happening now, in Chinese (e.g. "正在校验第 120 行").
    pub message: String,
}

/// The event name the shell emits [`Progress`] under.
pub const EVENT: &str = "progress";

/// Calls `report` for every `step`-th item and for the last one, so that a 50,000-row task
/// does not flood the window with events.
pub fn throttled<'a>(
    task: &'a str,
    total: u32,
    step: u32,
    report: &'a dyn Fn(Progress),
) -> impl Fn(u32, &str) + 'a {
    let step = step.max(1);
    move |done, message| {
        if done % step == 0 || done >= total {
            report(Progress {
                task: task.to_string(),
                done,
                total,
                message: message.to_string(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[test]
    fn throttled_reports_every_step_and_the_end() {
        let seen = RefCell::new(Vec::new());
        let report = |p: Progress| seen.borrow_mut().push(p.done);
        let tick = throttled("t", 10, 4, &report);
        for i in 1..=10 {
            tick(i, "");
        }
        assert_eq!(*seen.borrow(), vec![4, 8, 10]);
    }
}
