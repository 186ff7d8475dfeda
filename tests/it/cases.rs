//! Integration tests of the cases area.
