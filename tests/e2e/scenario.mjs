// A scenario is a chain of node:test steps sharing one WebDriver session: once a step fails, the
// later ones are skipped (they would only fail for the same reason), and the failing step leaves
// the page's HTML and a screenshot in the artifacts folder.
import { test } from "node:test";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * @param {{ prefix: string, artifacts: string, session: () => (import("./webdriver.mjs").Session | undefined), wait?: number }} opts
 * @returns {(name: string, fn: (t: any) => Promise<void>, timeout?: number) => void}
 */
export function scenario({ prefix, artifacts, session, wait = 15_000 }) {
  let failed = false;

  async function saveFailureArtifacts(name) {
    const s = session();
    if (!s) return;
    const slug = prefix + name.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").toLowerCase();
    try {
      mkdirSync(artifacts, { recursive: true });
      writeFileSync(path.join(artifacts, `failed-${slug}.html`), await s.source(wait * 4));
      writeFileSync(path.join(artifacts, `failed-${slug}.png`), await s.screenshot(wait * 2));
      console.error(`# failure artifacts: ${artifacts}/failed-${slug}.{png,html}`);
    } catch (e) {
      console.error(`# could not save failure artifacts: ${e.message}`);
    }
  }

  return function step(name, fn, timeout = 120_000) {
    test(name, { timeout }, async (t) => {
      if (failed) {
        t.skip("an earlier step failed");
        return;
      }
      try {
        await fn(t);
      } catch (e) {
        failed = true;
        await saveFailureArtifacts(name);
        throw e;
      }
    });
  };
}
