//! Roster import from .xlsx/.xls (issue 3). Filled in by the import work.
