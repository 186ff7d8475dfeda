//! Integration tests of the transfer area.
