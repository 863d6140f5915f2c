//! Catalogs: the Fluent files under `locales/` that track every segment, one per document and
//! locale, with stable ids, stale marks and obsolete sections kept in the files themselves.

pub mod value;
pub mod ftl;
