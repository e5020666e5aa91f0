// End-to-end test of importing the employer's list through the real Fieldbook window: create a
// vault, set up the campaign, open the import wizard from the workers screen, upload
// tests/e2e/fixtures/employer-list.csv through the file input (WebDriver "send keys" with the
// file's path), map, review, apply, and find the coworkers in the worker table. Its own
// WebDriver session and vault, independent of vault.test.mjs.
//
// Run through tests/e2e/run.sh (see vault.test.mjs for the environment).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { Session, byTestId } from "./webdriver.mjs";
import { scenario, openApp, closeApp, fillField, clickWhenEnabled } from "./scenario.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "..", "..");
const APP = path.resolve(process.env.FIELDBOOK_APP ?? path.join(REPO, "target", "debug", "fieldbook-app"));
const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const ARTIFACTS = path.resolve(process.env.E2E_ARTIFACTS ?? path.join(REPO, "target", "e2e-artifacts"));
const SCRATCH = process.env.FIELDBOOK_E2E_TMP
  ? mkdtempSync(path.join(process.env.FIELDBOOK_E2E_TMP, "import-"))
  : mkdtempSync(path.join(tmpdir(), "fieldbook-e2e-import-"));
const FIXTURE = path.join(HERE, "fixtures", "employer-list.csv");

const VAULT_NAME = "E2E Import";
const PASSPHRASE = "copper meadow lantern 73 orbit";
// The fixture: 11 rows, one of them a repeat → 10 coworkers.
const NEW_WORKERS = 10;
const DUPLICATES = 1;

const SHORT = 15_000;
const KDF = 60_000;
// Under Xvfb (software rendering), the window paints a large dialog over its blurred scrim
// seconds after the DOM has changed; a screenshot taken sooner shows an earlier frame.
const PAINT_MS = 2_500;

/** @type {Session} */
let s;

const step = scenario({ prefix: "import-", artifacts: ARTIFACTS, session: () => s });

const fill = (testId, text) => fillField(s, testId, text);

const click = (testId, timeout = SHORT) => clickWhenEnabled(s, testId, timeout);

/** The text content of an element, whitespace collapsed (WebKitWebDriver's rendered text can
 * leave out parts of an element clipped with an ellipsis). */
async function textOf(testId, timeout = SHORT) {
  const el = await s.waitFor(byTestId(testId), { timeout });
  return String(await el.property("textContent")).replace(/\s+/g, " ").trim();
}

/** Fail fast with the wizard's own error message instead of waiting out a timeout. */
async function noImportError() {
  for (const el of await s.findAll(byTestId("import-error"))) {
    if (await el.displayed()) throw new Error(`import-error (${await el.attribute("data-code")}): ${await el.text()}`);
  }
}

/** Wait until `testId` is enabled, failing early when the wizard shows an error. */
async function waitEnabled(testId, timeout = SHORT) {
  const el = await s.waitFor(byTestId(testId), { timeout });
  await s.waitUntil(
    async () => {
      await noImportError();
      return el.enabled();
    },
    { timeout, message: `${testId} to be enabled` },
  );
  return el;
}

before(async () => {
  assert.ok(existsSync(APP), `app binary not found: ${APP}`);
  assert.ok(existsSync(FIXTURE), `fixture not found: ${FIXTURE}`);
  s = await openApp(DRIVER, APP);
  console.log(`# webdriver session ${s.id}; vault folder ${SCRATCH}`);
});

after(() => closeApp(s));

step("create a vault and enter the app", async () => {
  await s.waitFor(byTestId("start-screen"), { timeout: 30_000 });
  await click("btn-new-vault");
  await fill("create-name", VAULT_NAME);
  await fill("create-folder", SCRATCH);
  await fill("create-pass", PASSPHRASE);
  await fill("create-pass2", PASSPHRASE);
  await click("create-submit");
  const res = await s.waitUntil(
    async () => {
      for (const err of await s.findAll(byTestId("create-error"))) {
        if (await err.displayed()) return { error: `data-code=${await err.attribute("data-code")}: ${await err.text()}` };
      }
      const els = await s.findAll(byTestId("recovery-key"));
      return els.length && (await els[0].displayed()) ? { ok: true } : null;
    },
    { timeout: KDF, message: "recovery-key (vault creation)" },
  );
  if (res.error) throw new Error(`vault creation failed: ${res.error}`);
  await click("recovery-saved");
  await click("recovery-continue");
  await s.waitFor(byTestId("app-shell"));
});

step("set up the campaign and open the workers screen", async () => {
  await click("nav-workers");
  // A new vault has no campaign yet: the workers screen asks for one first.
  const setup = await s.findAll(byTestId("campaign-setup"));
  if (setup.length) {
    await fill("campaign-name", "Riverside DC");
    await click("campaign-create");
  }
  await s.waitFor(byTestId("section-workers"), { timeout: SHORT });
  await s.waitFor(byTestId("btn-import"), { timeout: SHORT });
});

step("open the import wizard and upload the list", async () => {
  await click("btn-import");
  await s.waitFor(byTestId("import-wizard"));
  // The input itself is transparent over its "Choose a file" button: present, not "displayed".
  const input = await s.waitFor(byTestId("import-file-input"), { visible: false });
  // On a file input, WebDriver "send keys" with a path selects that file (a real upload through
  // the File API; the wizard then sends the bytes to Rust).
  await input.sendKeys(FIXTURE);
  await waitEnabled("import-next", 30_000);
  const file = await textOf("import-file");
  assert.match(file, /employer-list\.csv/, "file name shown");
  assert.match(file, /11/, "row count shown");
});

step("map the columns", async () => {
  await click("import-next");
  const text = await textOf("import-mapping");
  for (const header of ["Employee ID", "Last Name", "First Name", "Dept.", "Hire Date"]) {
    assert.ok(text.includes(header), `mapping shows the header ${header}`);
  }
  assert.equal(await (await s.find(byTestId("import-field-0"))).property("value"), "employee_id");
  assert.equal(await (await s.find(byTestId("import-field-3"))).property("value"), "department");
  await waitEnabled("import-next", 30_000);
});

step("review the reconciliation", async () => {
  await click("import-next");
  await s.waitFor(byTestId("import-review"));
  assert.equal(await textOf("import-count-new"), String(NEW_WORKERS), "new on the list");
  assert.equal(await textOf("import-count-matched"), "0", "matched");
  assert.equal(await textOf("import-count-duplicates"), String(DUPLICATES), "repeated rows");
  await sleep(PAINT_MS);
  mkdirSync(ARTIFACTS, { recursive: true });
  const png = await s.screenshot();
  assert.equal(png.subarray(1, 4).toString("latin1"), "PNG", "screenshot is a PNG");
  writeFileSync(path.join(ARTIFACTS, "import-review.png"), png);
  console.log(`# screenshot: ${path.join(ARTIFACTS, "import-review.png")} (${png.length} bytes)`);
});

step("apply the import", async () => {
  await click("import-apply");
  await s.waitUntil(
    async () => {
      await noImportError();
      return (await s.findAll(byTestId("import-done"))).length > 0;
    },
    { timeout: 30_000, message: "import-done" },
  );
  assert.equal(await textOf("import-sum-added"), String(NEW_WORKERS), "added");
  assert.equal(await textOf("import-sum-skippedDuplicates"), String(DUPLICATES), "repeated rows skipped");
  // The "imported" toast shows while the wizard is still open: it must not cover any of its buttons.
  await s.waitUntil(async () => (await s.findAll(byTestId("toast"))).length > 0, { timeout: SHORT, message: "toast" });
  const covered = await s.execute(
    "const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;" +
      "const toasts = [...document.querySelectorAll('[data-testid=\"toast\"]')].map((e) => e.getBoundingClientRect());" +
      "return [...document.querySelectorAll('[data-testid=\"import-wizard\"] button')]" +
      "  .filter((b) => { const r = b.getBoundingClientRect(); return r.width > 0 && toasts.some((t) => hit(t, r)); })" +
      "  .map((b) => b.dataset.testid || b.getAttribute('aria-label') || b.textContent.trim());",
  );
  assert.deepEqual(covered, [], "no wizard button is under a toast");
  await click("import-finish");
  await s.waitForGone(byTestId("import-wizard"));
});

step("the worker table shows the imported coworkers", async () => {
  await s.waitUntil(
    async () => {
      const els = await s.findAll(byTestId("workers-count"));
      if (!els.length) return null;
      const text = String(await els[0].property("textContent")).replace(/\s+/g, " ");
      return text.includes(`${NEW_WORKERS} `) ? true : null;
    },
    { timeout: SHORT, message: `workers-count to show ${NEW_WORKERS}` },
  );
  await s.waitUntil(async () => ((await textOf("workers-grid")).includes("Ana Peña") ? true : null), {
    timeout: SHORT,
    message: "Ana Peña in the worker table",
  });
});
