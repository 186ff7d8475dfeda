//! Integration tests of the roster area.
