//! Each job of the app's pages as the service runs it (both doors call these operations):
//! tested on a temp store, no window.

mod backup;
mod collect;
mod documents;
mod graduates;
mod import;
mod members;
mod orgs;
mod pages;
mod recommend;
mod settings;
mod start;
