//! Alignment of a Japanese original with its English release into beads (1:1, 1:2, 2:1, …)
//! so both locales share message ids.
