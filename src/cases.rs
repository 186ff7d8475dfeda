//! The `xianjie recommend` contract (CONTRACT.md): cases JSON in, one JSON line per case out.
