//! The switches an import writes under, as a guard: on when taken, back off when dropped —
//! whatever happens to the import (an error, a panic unwinding through it).
//!
//! - A 16 MB page cache for the connection (SQLite's default is 2 MB): every index page a
//!   50,000-row import keeps coming back to stays in memory, while table pages already full are
//!   written to the log as the rows come, not all at the commit after the last row (with a
//!   64 MB cache the commit of 50,000 rows took 22 ms, with 4 MB 8 ms; the indexes of such an
//!   import, about 5 MB, fit in 16 MB with room). It stays: the connection is the process's.
//! - The schema's CHECK constraints on enum columns (`x IN ('a', 'b', 'c')`) make SQLite build a
//!   small temporary index for every INSERT, a third of an import's cost. Every value an import
//!   writes comes from the typed enums' `code()`, so the import alone writes with those checks
//!   off (a flag pragma expires every compiled statement, so no cached statement keeps the other
//!   setting).
//! - Foreign keys are off too: with them on, every many-row INSERT keeps a statement journal
//!   (a copy of each page it touches, in a temporary file) to undo itself should a later row
//!   break a key. Every id an import writes is one it has just read or created in the same
//!   transaction, so no key can dangle; the inserts say `OR FAIL` for the same reason.
//! - No automatic checkpoint inside the commit (the fsync of tens of MB): the import is
//!   committed without it, and `Store::checkpoint_in_background` copies the log afterwards.

use crate::{Result, Store};

/// The store with an import's switches on; [`BulkImport::restore`] (or the drop) turns them
/// back.
pub struct BulkImport<'a> {
    store: &'a mut Store,
    restored: bool,
}

const ON: &str = "PRAGMA cache_size = -16384; PRAGMA ignore_check_constraints = ON; \
     PRAGMA wal_autocheckpoint = 0; PRAGMA foreign_keys = OFF";
const OFF: &str = "PRAGMA ignore_check_constraints = OFF; PRAGMA wal_autocheckpoint = 1000; \
     PRAGMA foreign_keys = ON";

impl Store {
    /// Turns an import's switches on until the guard is restored or dropped.
    pub fn bulk_import(&mut self) -> Result<BulkImport<'_>> {
        self.conn.execute_batch(ON)?;
        Ok(BulkImport {
            store: self,
            restored: false,
        })
    }
}

impl BulkImport<'_> {
    pub fn store(&mut self) -> &mut Store {
        self.store
    }

    /// Turns the switches back, reporting a failure (the drop can only try).
    pub fn restore(mut self) -> Result<()> {
        self.restored = true;
        Ok(self.store.conn.execute_batch(OFF)?)
    }
}

impl Drop for BulkImport<'_> {
    fn drop(&mut self) {
        if !self.restored {
            let _ = self.store.conn.execute_batch(OFF);
        }
    }
}
