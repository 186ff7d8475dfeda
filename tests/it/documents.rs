//! Integration tests of the documents area.
