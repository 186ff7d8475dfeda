//! Long work — an import, a letter batch, a table — says how far it is and stops when the
//! person asks (#18: the import's bar jumped 0 → 50 → 100 % and nothing could be stopped).
//!
//! The work takes a [`Watch`]: it reports [`Step`]s (done of total, and what it is doing in
//! Chinese) and asks [`Watch::check`] where stopping leaves nothing half-written — inside its
//! transaction, before the file is written. A stop is an [`Error`] with
//! [`ErrorCode::Cancelled`], so the work unwinds as on any failure: the transaction is rolled
//! back, the file never written. No clock, no thread: the caller decides how often to show.

use crate::{Error, ErrorCode, Result};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// How far the work is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub done: u64,
    pub total: u64,
    /// What is happening now, e.g. "正在校验并写入第 2048 行（共 50000 行）".
    pub message: String,
}

/// A stop the person asked for; shared with whoever may ask (the window's 取消 button).
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Where a long piece of work reports and whether it should stop.
#[derive(Clone, Copy)]
pub struct Watch<'a> {
    report: Option<&'a dyn Fn(Step)>,
    cancel: Option<&'a Cancel>,
}

impl std::fmt::Debug for Watch<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch")
            .field("reports", &self.report.is_some())
            .field("cancel", &self.cancel)
            .finish()
    }
}

impl<'a> Watch<'a> {
    /// Nobody watches: reports go nowhere, nothing stops the work (the CLI, tests).
    pub const NONE: Watch<'static> = Watch {
        report: None,
        cancel: None,
    };

    pub fn new(report: &'a dyn Fn(Step), cancel: Option<&'a Cancel>) -> Self {
        Self {
            report: Some(report),
            cancel,
        }
    }

    /// The same stop, its reports sent to `report` (a part of the work that counts its own
    /// steps, rescaled there into the whole's).
    pub fn with_report<'b>(&self, report: &'b dyn Fn(Step)) -> Watch<'b>
    where
        'a: 'b,
    {
        Watch {
            report: Some(report),
            cancel: self.cancel,
        }
    }

    /// Runs `f` as part `index` of `parts` equal parts of the work: its steps (counted by the
    /// part) are reported as that share of the whole.
    pub fn part<R>(&self, index: u64, parts: u64, f: impl FnOnce(&Watch<'_>) -> R) -> R {
        if self.report.is_none() {
            return f(self);
        }
        let report = |s: Step| {
            let total = s.total.max(1);
            self.step(index * total + s.done, parts * total, || s.message);
        };
        f(&self.with_report(&report))
    }

    /// Reports a step; the message is only made when somebody listens.
    pub fn step(&self, done: u64, total: u64, message: impl FnOnce() -> String) {
        if let Some(report) = self.report {
            report(Step {
                done: done.min(total),
                total,
                message: message(),
            });
        }
    }

    /// `Err(Cancelled)` once the person asked to stop: call it where unwinding leaves nothing
    /// half-written.
    pub fn check(&self) -> Result<()> {
        match self.cancel {
            Some(c) if c.is_cancelled() => Err(Error::cancelled()),
            _ => Ok(()),
        }
    }
}

impl Error {
    /// The work was stopped at the person's request; nothing of it was kept.
    pub fn cancelled() -> Self {
        Self::new(ErrorCode::Cancelled, "已取消，没有写入任何内容")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[test]
    fn a_watch_reports_and_stops_when_asked() {
        let seen = RefCell::new(Vec::new());
        let report = |s: Step| seen.borrow_mut().push((s.done, s.total, s.message));
        let cancel = Cancel::new();
        let w = Watch::new(&report, Some(&cancel));
        w.step(3, 10, || "三".into());
        w.step(12, 10, || "多".into());
        assert!(w.check().is_ok());
        cancel.clone().cancel();
        let e = w.check().unwrap_err();
        assert_eq!(e.code, ErrorCode::Cancelled);
        assert_eq!(
            *seen.borrow(),
            vec![(3, 10, "三".to_string()), (10, 10, "多".to_string())]
        );
        // A part's steps are its share of the whole.
        seen.borrow_mut().clear();
        let w = Watch::new(&report, None);
        w.part(1, 3, |p| p.step(5, 10, || "二".into()));
        assert_eq!(*seen.borrow(), vec![(15, 30, "二".to_string())]);
        // Nobody watching: no report, never cancelled.
        Watch::NONE.step(1, 2, || unreachable!("no listener"));
        assert!(Watch::NONE.check().is_ok());
    }
}
