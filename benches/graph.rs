//! Graph analyses (filled in with the algorithms).
fn main() {}
