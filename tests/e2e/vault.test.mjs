// End-to-end test of the real Fieldbook window: create a vault, lock, unlock (wrong then right
// passphrase), lock with Ctrl+L. Drives target/debug/fieldbook-app through tauri-driver.
//
// Run through tests/e2e/run.sh (it starts Xvfb + tauri-driver with a throw-away HOME), or by hand
// with tauri-driver already listening:  node --test tests/e2e/
//
// Environment:
//   FIELDBOOK_APP        app binary (default: <repo>/target/debug/fieldbook-app)
//   WEBDRIVER_URL        default http://127.0.0.1:4444
//   FIELDBOOK_E2E_TMP    scratch dir for the vault folder (default: a fresh mkdtemp)
//   E2E_ARTIFACTS        screenshots dir (default: <repo>/target/e2e-artifacts)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { Session, Keys, byTestId } from "./webdriver.mjs";
import { scenario, openApp, closeApp, fillField, clickWhenEnabled } from "./scenario.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const APP = path.resolve(process.env.FIELDBOOK_APP ?? path.join(REPO, "target", "debug", "fieldbook-app"));
const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const ARTIFACTS = path.resolve(process.env.E2E_ARTIFACTS ?? path.join(REPO, "target", "e2e-artifacts"));
const SCRATCH = process.env.FIELDBOOK_E2E_TMP
  ? mkdtempSync(path.join(process.env.FIELDBOOK_E2E_TMP, "vaults-"))
  : mkdtempSync(path.join(tmpdir(), "fieldbook-e2e-"));

const VAULT_NAME = "E2E Campaign";
const PASSPHRASE = "violet tractor molasses 42 harbor";
const WRONG_PASSPHRASE = "violet tractor molasses 42 harbour";
const VAULT_DIR = path.join(SCRATCH, `${VAULT_NAME}.fieldbook`);

const SHORT = 15_000; // ordinary UI waits
const KDF = 60_000; // create / unlock run the KDF: allow for a slow CI machine
const SETTLE_MS = 300; // let the UI repaint before a screenshot

/** @type {Session} */
let s;

const step = scenario({ prefix: "", artifacts: ARTIFACTS, session: () => s });

/** Replace an input's value with `text` using real key events. */
const fill = (testId, text) => fillField(s, testId, text);

const click = (testId, timeout = SHORT) => clickWhenEnabled(s, testId, timeout);

before(async () => {
  assert.ok(existsSync(APP), `app binary not found: ${APP} (build it with cargo build -p fieldbook-app --features custom-protocol)`);
  s = await openApp(DRIVER, APP);
  console.log(`# webdriver session ${s.id}; vault folder ${SCRATCH}`);
});

after(() => closeApp(s));

step("start screen is shown", async () => {
  await s.waitFor(byTestId("start-screen"), { timeout: 30_000 });
  await s.waitFor(byTestId("btn-new-vault"));
});

step("create a vault", async () => {
  await click("btn-new-vault");
  await fill("create-name", VAULT_NAME);
  await fill("create-folder", SCRATCH);
  await fill("create-pass", PASSPHRASE);
  await fill("create-pass2", PASSPHRASE);
  await click("create-submit");
  // The KDF runs now; surface a create-error immediately instead of waiting out the timeout.
  const res = await s.waitUntil(
    async () => {
      for (const err of await s.findAll(byTestId("create-error"))) {
        if (await err.displayed()) return { error: `data-code=${await err.attribute("data-code")}: ${await err.text()}` };
      }
      const els = await s.findAll(byTestId("recovery-key"));
      return els.length && (await els[0].displayed()) ? { key: els[0] } : null;
    },
    { timeout: KDF, message: "recovery-key (vault creation)" },
  );
  if (res.error) throw new Error(`vault creation failed: ${res.error}`);
  const key = res.key;
  const text = (await key.text()).trim() || String(await key.property("value") ?? "").trim();
  assert.match(text, /^AGE-SECRET-KEY-1/, "recovery key text");
});

step("vault files exist on disk", async () => {
  assert.ok(existsSync(path.join(VAULT_DIR, "vault.db")), `${VAULT_DIR}/vault.db exists`);
  assert.ok(existsSync(path.join(VAULT_DIR, "keys", "passphrase.age")), `${VAULT_DIR}/keys/passphrase.age exists`);
});

step("confirm the recovery key and enter the app", async () => {
  const saved = await click("recovery-saved");
  if ((await saved.attribute("type")) === "checkbox") {
    assert.equal(await saved.property("checked"), true, "recovery-saved is checked");
  }
  await click("recovery-continue");
  await s.waitFor(byTestId("app-shell"));
});

step("screenshot of the unlocked window", async () => {
  await sleep(SETTLE_MS);
  mkdirSync(ARTIFACTS, { recursive: true });
  const png = await s.screenshot();
  assert.equal(png.subarray(1, 4).toString("latin1"), "PNG", "screenshot is a PNG");
  writeFileSync(path.join(ARTIFACTS, "unlocked.png"), png);
  console.log(`# screenshot: ${path.join(ARTIFACTS, "unlocked.png")} (${png.length} bytes)`);
});

step("lock with the lock button", async () => {
  await click("btn-lock");
  await s.waitFor(byTestId("start-screen"));
  await s.waitForGone(byTestId("app-shell"));
});

step("the vault is in the recent list; a wrong passphrase is refused", async () => {
  const item = await s.waitUntil(
    async () => {
      for (const el of await s.findAll(byTestId("recent-item"))) {
        if ((await el.text()).includes(VAULT_NAME) && (await el.displayed())) return el;
      }
      return null;
    },
    { timeout: SHORT, message: `a recent-item containing "${VAULT_NAME}"` },
  );
  await item.click();
  await s.waitFor(byTestId("unlock-pass"));
  await fill("unlock-pass", WRONG_PASSPHRASE);
  await click("unlock-submit");
  const err = await s.waitFor(byTestId("unlock-error"), { timeout: KDF });
  assert.equal(await err.attribute("data-code"), "wrong_passphrase", "unlock-error data-code");
  assert.equal((await s.findAll(byTestId("app-shell"))).length, 0, "app-shell is not shown");
});

step("the right passphrase unlocks", async () => {
  await fill("unlock-pass", PASSPHRASE);
  await click("unlock-submit");
  await s.waitFor(byTestId("app-shell"), { timeout: KDF });
});

step("Ctrl+L locks", async () => {
  await s.pressChord(Keys.CONTROL, "l");
  await s.releaseActions().catch(() => {});
  await s.waitFor(byTestId("start-screen"));
  await s.waitForGone(byTestId("app-shell"));
});
