//! Summary tables F1–F6 and letters L1–L3 (issue 4). Filled in by the documents work.
