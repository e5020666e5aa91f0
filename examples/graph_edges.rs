//! Writes the benchmark graph (`benches/graph.rs`) as a tab-separated edge list, so networkx can
//! run on the identical graph:
//!
//! ```sh
//! cargo run --release --example graph_edges -- OUT.tsv
//! ```
//!
//! The first line is `# nodes <n>`; then one `u<TAB>v<TAB>strength` line per tie.

use fieldbook::graph::algo::bench_graph::bench_workplace;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1) else {
        eprintln!("usage: graph_edges OUT.tsv");
        return ExitCode::from(2);
    };
    match write(&out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("graph_edges: {}: {e}", out.to_string_lossy());
            ExitCode::FAILURE
        }
    }
}

fn write(path: &std::ffi::OsStr) -> std::io::Result<()> {
    let g = bench_workplace();
    let mut w = BufWriter::new(std::fs::File::create(path)?);
    writeln!(w, "# nodes {}", g.node_count())?;
    for e in g.raw_edges() {
        writeln!(
            w,
            "{}\t{}\t{}",
            e.source().index(),
            e.target().index(),
            e.weight
        )?;
    }
    w.flush()
}
