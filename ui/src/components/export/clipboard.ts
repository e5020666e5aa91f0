// Copy text (the verification steps for counsel: no secret goes through here) through the Rust
// side like every other copy (lib/copy.ts): hidden from clipboard managers where the platform
// allows, cleared after 10 s, on lock and on exit. No WebView fallback, which would skip that.
import { copyToClipboard } from "../../lib/copy";

export async function copyText(text: string): Promise<boolean> {
  return (await copyToClipboard(text)).ok;
}
