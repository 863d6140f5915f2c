//! Segment diffs: pairs the segments of two revisions (unchanged, modified, moved, split,
//! merged, added, removed) and computes inline word or character changes.
