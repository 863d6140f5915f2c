//! A lossless view of a `.ftl` file: entries with their exact bytes, so honyaku can reorder
//! and regenerate its own comments while every byte a translator wrote survives.
