//! Exact values: writes any text as a Fluent pattern that parses and formats back to the same
//! bytes, escaping what Fluent would otherwise eat or misread.
