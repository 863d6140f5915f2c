//! honyaku: keeps Japanese originals, English releases and their translations in sync
//! through Fluent files, from segmentation to published output.
//!
//! The pipeline stages each live in one module and hand a plain data type to the next:
//! `segment` (text → [`segment::Document`]), `align` (two documents → beads),
//! `catalog` (documents → `.ftl` files), `diff` (two segment lists → changes),
//! `build` (catalogs → localized output) and `check` (catalogs → findings).
//! See ARCHITECTURE.md for the map.

pub mod locale;
pub mod segment;
pub mod catalog;
pub mod diff;
pub mod align;
