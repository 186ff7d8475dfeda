//! Integration tests of the store area.
