// A scenario is a chain of node:test steps sharing one WebDriver session: once a step fails, the
// later ones are skipped (they would only fail for the same reason), and the failing step leaves
// the page's HTML and a screenshot in the artifacts folder.
import { test } from "node:test";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import assert from "node:assert/strict";
import { Session, Keys, byTestId, waitForServer } from "./webdriver.mjs";

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


/** Start the app under tauri-driver and return its WebDriver session. */
export async function openApp(driver, app) {
  await waitForServer(driver, 20_000);
  return Session.create(driver, {
    alwaysMatch: { "tauri:options": { application: app }, browserName: "wry" },
  });
}

/** End the session; a failure to do so is reported, not thrown (the tests already ran). */
export async function closeApp(s) {
  if (!s) return;
  try {
    await s.quit();
  } catch (e) {
    console.error(`# deleting the session failed: ${e.message}`);
  }
}

/** Replace the value of an input and check that it took. */
export async function fillField(s, testId, text) {
  const el = await s.waitFor(byTestId(testId));
  await el.clear();
  if ((await el.property("value")) !== "") {
    // clear() did not take (e.g. a framework restored the value): select all + delete.
    await el.sendKeys(Keys.CONTROL + "a" + Keys.CONTROL + Keys.BACKSPACE);
  }
  await el.sendKeys(text);
  assert.equal(await el.property("value"), text, `value of ${testId} after typing`);
  return el;
}

/** Wait for an element to be there and enabled, then click it. */
export async function clickWhenEnabled(s, testId, timeout = 15_000) {
  const el = await s.waitFor(byTestId(testId), { timeout });
  await s.waitUntil(() => el.enabled(), { timeout, message: `${testId} to be enabled` });
  await el.click();
  return el;
}

/** The CLI binary, built from this checkout (a no-op when up to date). run.sh replaces HOME with
 * a throw-away one, so point cargo/rustup at the toolchain of the `cargo` found on PATH. */
export function buildCli(repo, target) {
  if (process.env.FIELDBOOK_CLI) return path.resolve(process.env.FIELDBOOK_CLI);
  const bin = path.join(target, "debug", "fieldbook");
  const env = { ...process.env };
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!existsSync(path.join(dir, "cargo"))) continue;
    if (path.basename(dir) === "bin" && path.basename(path.dirname(dir)) === ".cargo") {
      env.CARGO_HOME ??= path.dirname(dir);
      env.RUSTUP_HOME ??= path.join(path.dirname(path.dirname(dir)), ".rustup");
    }
    break;
  }
  try {
    execFileSync("cargo", ["build", "--quiet", "--bin", "fieldbook"], { cwd: repo, env, stdio: ["ignore", "inherit", "inherit"] });
  } catch (e) {
    if (!existsSync(bin)) throw e;
    console.error(`# cargo build --bin fieldbook failed (${e.message}); using the existing ${bin}`);
  }
  return bin;
}
