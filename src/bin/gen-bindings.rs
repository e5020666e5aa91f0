//! Write the TypeScript bindings to `ui/src/lib/bindings.ts`.

fn main() -> std::io::Result<()> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(fieldbook::bindings::BINDINGS_PATH);
    std::fs::write(&path, fieldbook::bindings::render())?;
    println!("wrote {}", path.display());
    Ok(())
}
