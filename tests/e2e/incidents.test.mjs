// End-to-end test of incidents, evidence and affidavit drafts in the real Fieldbook window: create
// the demo vault, see the incident log sorted by urgency, log an incident with Ctrl+Shift+I (the
// 10(b) deadline previewed as the date is set), attach files through the evidence file input
// (WebDriver "send keys" with a path: a PNG and a PDF from tests/e2e/fixtures/, and a 20 MiB file
// made here so the upload runs in several parts), check each file's SHA-256, view the PDF and the
// image inside the app (drawn from memory: the canvas has ink), write an affidavit draft, save it
// twice, see both versions and the diff, render the PDF and preview it (byte size reported), and
// see the not-encrypted warning before any copy is saved. Its own WebDriver session and vault.
//
// Run through tests/e2e/run.sh (see vault.test.mjs for the environment).

import { before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { Session, Keys, byTestId } from "./webdriver.mjs";
import { scenario, openApp, closeApp, fillField, clickWhenEnabled } from "./scenario.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "..", "..");
const APP = path.resolve(process.env.FIELDBOOK_APP ?? path.join(REPO, "target", "debug", "fieldbook-app"));
const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const ARTIFACTS = path.resolve(process.env.E2E_ARTIFACTS ?? path.join(REPO, "target", "e2e-artifacts"));
const SCRATCH = process.env.FIELDBOOK_E2E_TMP
  ? mkdtempSync(path.join(process.env.FIELDBOOK_E2E_TMP, "incidents-"))
  : mkdtempSync(path.join(tmpdir(), "fieldbook-e2e-incidents-"));
const PHOTO = path.join(HERE, "fixtures", "evidence-photo.png");
const NOTICE = path.join(HERE, "fixtures", "evidence-notice.pdf");
const BIG = path.join(SCRATCH, "shift-recording.bin");
const BIG_BYTES = 20 * 1024 * 1024 + 123; // over the 16 MiB the window hashes itself, in 6 parts of 4 MiB

const PASSPHRASE = "saffron glacier teapot 19 meadow";
const SUMMARY = "Supervisor told the night crew the site could close if the union wins";
const SHORT = 15_000;
const KDF = 120_000; // the demo vault: key derivation and 400 coworkers
const PAINT_MS = 2_500;

/** @type {Session} */
let s;
const step = scenario({ prefix: "incidents-", artifacts: ARTIFACTS, session: () => s });
const fill = (testId, text) => fillField(s, testId, text);
const click = (testId, timeout = SHORT) => clickWhenEnabled(s, testId, timeout);
const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/** YYYY-MM-DD of a local day. */
function iso(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** The 10(b) last day, as the library computes it: six calendar months later, clamped to the month's end. */
function lastDayOf(day) {
  const [y, m, d] = day.split("-").map(Number);
  let year = y;
  let month = m + 6;
  if (month > 12) {
    month -= 12;
    year += 1;
  }
  const dim = new Date(year, month, 0).getDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, dim)).padStart(2, "0")}`;
}

async function textOf(testId, timeout = SHORT) {
  const el = await s.waitFor(byTestId(testId), { timeout });
  return String(await el.property("textContent")).replace(/\s+/g, " ").trim();
}

/** Set a date/time input's value the way a picker would (input event), since typing into
 *  WebKitGTK's date fields depends on the locale. */
async function setValue(testId, value) {
  const el = await s.waitFor(byTestId(testId));
  await s.execute(
    "const el = arguments[0]; el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));",
    [el.ref(), value],
  );
  assert.equal(await el.property("value"), value, `value of ${testId}`);
}

/** Fail fast with the page's own error note. */
async function noError(...ids) {
  for (const id of ids) {
    for (const el of await s.findAll(byTestId(id))) {
      if (await el.displayed()) throw new Error(`${id} (${await el.attribute("data-code")}): ${await el.text()}`);
    }
  }
}

/** Count of elements with a test id. */
const count = async (testId) => (await s.findAll(byTestId(testId))).length;

/** Share of a canvas's sampled pixels that are not near-white (0 = blank page). */
async function ink(testId) {
  return s.execute(
    "const c = document.querySelector(arguments[0]); if (!c || !c.width) return 0;" +
      "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let dark = 0, n = 0;" +
      "for (let i = 0; i < d.length; i += 4 * 97) { n++; if (d[i] + d[i + 1] + d[i + 2] < 600) dark++; } return dark / n;",
    [`[data-testid="${testId}"]`],
  );
}

async function screenshot(name) {
  await sleep(PAINT_MS);
  mkdirSync(ARTIFACTS, { recursive: true });
  const png = await s.screenshot();
  writeFileSync(path.join(ARTIFACTS, name), png);
  console.log(`# screenshot: ${path.join(ARTIFACTS, name)} (${png.length} bytes)`);
}

before(async () => {
  assert.ok(existsSync(APP), `app binary not found: ${APP}`);
  assert.ok(existsSync(PHOTO) && existsSync(NOTICE), "fixtures present");
  const big = Buffer.alloc(BIG_BYTES);
  for (let i = 0; i < big.length; i += 4096) big.writeUInt32LE((i * 2654435761) >>> 0, i);
  writeFileSync(BIG, big);
  s = await openApp(DRIVER, APP);
  console.log(`# webdriver session ${s.id}; vault folder ${SCRATCH}`);
});

after(() => closeApp(s));

step("create the demo vault and enter the app", async () => {
  await s.waitFor(byTestId("start-screen"), { timeout: 30_000 });
  await click("btn-demo-vault");
  await s.waitFor(byTestId("create-demo-note"));
  await fill("create-folder", SCRATCH);
  await fill("create-pass", PASSPHRASE);
  await fill("create-pass2", PASSPHRASE);
  await click("create-submit");
  const res = await s.waitUntil(
    async () => {
      await noError("create-error");
      if ((await s.findAll(byTestId("recovery-key"))).length) return "recovery";
      const shell = await s.findAll(byTestId("app-shell"));
      return shell.length && (await shell[0].displayed()) ? "shell" : null;
    },
    { timeout: KDF, message: "the demo vault to be created" },
  );
  if (res === "recovery") {
    await click("recovery-saved");
    await click("recovery-continue");
  }
  await s.waitFor(byTestId("app-shell"));
});

step("the incident log lists the demo's incidents, most urgent first", async () => {
  await click("nav-incidents");
  await s.waitFor(byTestId("incident-log"), { timeout: SHORT });
  await s.waitUntil(async () => (await count("incident-row")) > 0, { timeout: SHORT, message: "incident rows" });
  const days = await s.execute(
    "return [...document.querySelectorAll('[data-testid=\"incident-row\"]')].map((r) => r.dataset.days).filter((d) => d !== '').map(Number);",
  );
  assert.ok(days.length > 0, "some incidents have their clock running");
  const inTime = days.filter((d) => d >= 0);
  assert.deepEqual(inTime, [...inTime].sort((a, b) => a - b), `running clocks by days left: ${days.join(", ")}`);
  assert.deepEqual(days.slice(0, inTime.length), inTime, "in-time incidents come before those past their last day");
  const levels = await s.execute("return [...document.querySelectorAll('[data-testid=\"incident-log\"] [data-testid=\"deadline-badge\"]')].map((b) => b.dataset.tone);");
  assert.ok(levels.includes("danger"), `a danger badge among ${levels.join(", ")}`);
  await screenshot("incidents-log.png");
});

let occurred;
let witness;

step("Ctrl+Shift+I logs an incident; the 10(b) deadline is previewed as the date is set", async () => {
  await s.pressChord(Keys.CONTROL, Keys.SHIFT, "i");
  await s.releaseActions().catch(() => {});
  await s.waitFor(byTestId("incident-form"));
  assert.equal(await count("import-wizard"), 0, "Ctrl+Shift+I is not the import");

  const d = new Date();
  d.setDate(d.getDate() - 20);
  occurred = iso(d);
  await setValue("incident-occurred-on", occurred);
  await setValue("incident-occurred-time", "22:15");
  const preview = await s.waitFor(byTestId("incident-deadline-date"));
  assert.equal(await preview.attribute("data-day"), lastDayOf(occurred), "previewed last day");
  assert.match(await textOf("incident-deadline-badge"), /\d+ days left/);

  await fill("incident-place", "Picking, aisle 14");
  await click("incident-category-threat");
  await fill("incident-summary", SUMMARY);
  await fill("incident-managers-name", "Dale, operations manager");
  await click("incident-managers-name-add");
  // A witness from the list: three letters, then the first suggestion.
  const picker = await s.waitFor(byTestId("incident-witnesses-picker"));
  await picker.sendKeys("mar");
  const option = await s.waitFor(byTestId("incident-witnesses-picker-option"));
  witness = String(await (await option.find(".name")).property("textContent")).replace(/\s*★$/, "").trim();
  await option.click();
  await s.waitFor(byTestId("incident-witnesses-chip"));
  await fill("incident-description", 'At the 10 pm huddle Dale said "if the union wins, this site closes". The whole crew heard it.');
  await screenshot("incidents-form.png");
  await click("incident-save");
  await s.waitUntil(
    async () => {
      await noError("incident-form-error");
      return (await count("incident-page")) > 0;
    },
    { timeout: SHORT, message: "the new incident's page" },
  );
  assert.equal(await textOf("incident-title"), SUMMARY);
  assert.equal(await (await s.find(byTestId("deadline-date"))).attribute("data-day"), lastDayOf(occurred), "the library's last day");
  const people = await textOf("incident-people");
  assert.ok(people.includes(witness), `${witness} is listed as a witness`);
  assert.ok(people.includes("Dale, operations manager"), "the manager named in free text");
  await screenshot("incidents-page.png");
});

step("attach files: each is uploaded in parts and its SHA-256 shown", async () => {
  const files = [
    [PHOTO, "evidence-photo.png"],
    [NOTICE, "evidence-notice.pdf"],
    [BIG, "shift-recording.bin"],
  ];
  for (const [file, name] of files) {
    const input = await s.waitFor(byTestId("evidence-file-input"), { visible: false });
    await s.waitUntil(() => input.enabled(), { timeout: SHORT, message: "the file input to be enabled" });
    const before = await count("evidence-row");
    const t0 = Date.now();
    await input.sendKeys(file);
    let sawProgress = false;
    await s.waitUntil(
      async () => {
        await noError("evidence-error");
        if (!sawProgress && (await count("evidence-progress")) > 0) sawProgress = true;
        return (await count("evidence-row")) > before;
      },
      { timeout: 120_000, interval: 100, message: `${name} in the evidence list` },
    );
    const row = await s.find(`[data-testid="evidence-row"][data-name="${name}"]`);
    const hash = await (await row.find(byTestId("evidence-hash"))).attribute("data-sha256");
    assert.equal(hash, sha256(readFileSync(file)), `SHA-256 of ${name}`);
    console.log(`# ${name}: ${readFileSync(file).length} bytes in ${Date.now() - t0} ms${sawProgress ? " (progress bar seen)" : ""}`);
  }
  assert.equal(await (await s.find(byTestId("evidence-count"))).attribute("data-count"), "3");
});

step("view the PDF and the photo inside the app, from memory", async () => {
  const pdfRow = await s.find('[data-testid="evidence-row"][data-name="evidence-notice.pdf"]');
  await (await pdfRow.find(byTestId("evidence-view"))).click();
  await s.waitFor(byTestId("evidence-viewer"));
  await s.waitUntil(
    async () => {
      await noError("evidence-viewer-error", "evidence-pdf-error");
      const v = await s.findAll(byTestId("evidence-pdf"));
      return v.length && Number(await v[0].attribute("data-drawn")) >= 1;
    },
    { timeout: 30_000, message: "the PDF's first page drawn" },
  );
  const pdfInk = await ink("evidence-pdf-page");
  assert.ok(pdfInk > 0.001, `the PDF page has ink (${pdfInk})`);
  // PDF.js runs its parser in a Worker of the app's origin; it falls back to the main thread (and
  // sets globalThis.pdfjsWorker) only when the Worker cannot start.
  const fallback = await s.execute("return typeof globalThis.pdfjsWorker !== 'undefined';");
  console.log(`# PDF.js worker: ${fallback ? "main-thread fallback" : "Worker"}`);
  await screenshot("incidents-evidence-pdf.png");
  await click("evidence-viewer-close");
  await s.waitForGone(byTestId("evidence-viewer"));

  const photoRow = await s.find('[data-testid="evidence-row"][data-name="evidence-photo.png"]');
  await (await photoRow.find(byTestId("evidence-view"))).click();
  const img = await s.waitFor(byTestId("evidence-image"));
  await s.waitUntil(async () => Number(await img.property("naturalWidth")) === 64, { timeout: SHORT, message: "the photo decoded" });
  assert.match(String(await img.attribute("src")), /^blob:/, "shown from an object URL");
  await click("evidence-viewer-close");
  await s.waitForGone(byTestId("evidence-viewer"));
});

step("saving a copy of evidence warns first that it is not encrypted", async () => {
  const row = await s.find('[data-testid="evidence-row"][data-name="evidence-photo.png"]');
  await (await row.find(byTestId("evidence-save"))).click();
  const dialog = await s.waitFor(byTestId("save-copy-confirm"));
  assert.match(String(await dialog.property("textContent")), /NOT encrypted/);
  await click("save-copy-confirm-cancel");
  await s.waitForGone(byTestId("save-copy-confirm"));
});

step("write an affidavit draft for the witness and save it (v1)", async () => {
  await click("affidavit-new");
  await s.waitFor(byTestId("new-affidavit-dialog"));
  await click("new-affidavit-person");
  await s.waitFor(byTestId("affidavit-editor"));
  await s.waitUntil(async () => (await count("affidavit-paragraph-text")) > 0, { timeout: SHORT, message: "the statement editor" });
  assert.equal(await (await s.find(byTestId("affidavit-name"))).property("value") !== "", true, "the affiant's name is prefilled");
  const first = (await s.findAll(byTestId("affidavit-paragraph-text")))[0];
  await first.sendKeys("I work on the night shift in Picking.");
  await click("affidavit-paragraph-add");
  const second = (await s.findAll(byTestId("affidavit-paragraph-text")))[1];
  await second.sendKeys("At the 10 pm huddle Dale said the site would close if the union wins.");
  await fill("affidavit-saved-by", "Rosa");
  await fill("affidavit-note", "First draft");
  await click("affidavit-save");
  await s.waitUntil(
    async () => {
      await noError("affidavit-error");
      return (await (await s.find(byTestId("affidavit-editor"))).attribute("data-id")) !== "";
    },
    { timeout: SHORT, message: "the draft to be created" },
  );
  await s.waitUntil(async () => (await count("affidavit-version")) === 1, { timeout: SHORT, message: "v1 in the history" });
  assert.match(await textOf("affidavit-chain"), /Chain verified · 1 version/);
});

step("save again: both versions in the history, and the diff between them", async () => {
  const second = (await s.findAll(byTestId("affidavit-paragraph-text")))[1];
  await second.sendKeys(" Tamika heard it from about ten feet away.");
  await click("affidavit-paragraph-add");
  const third = (await s.findAll(byTestId("affidavit-paragraph-text")))[2];
  await third.sendKeys("I wrote it down on my phone at 10:40 pm.");
  await fill("affidavit-note", "Added the witness and the note");
  await click("affidavit-save");
  await s.waitUntil(async () => (await count("affidavit-version")) === 2, { timeout: SHORT, message: "v2 in the history" });
  const by = await s.execute("return [...document.querySelectorAll('[data-testid=\"affidavit-version-by\"]')].map((e) => e.textContent);");
  assert.ok(by.every((t) => t.includes("Rosa")), `who saved each version: ${by.join(" | ")}`);
  assert.match(await textOf("affidavit-chain"), /Chain verified · 2 versions/);

  await click("affidavit-compare");
  await s.waitFor(byTestId("affidavit-diff"));
  const kinds = await s.execute("return [...document.querySelectorAll('[data-testid=\"affidavit-diff-paragraph\"]')].map((p) => p.dataset.kind);");
  assert.deepEqual(kinds, ["same", "changed", "added"], "paragraph 2 changed, paragraph 3 added");
  const ins = await s.execute("return [...document.querySelectorAll('[data-testid=\"affidavit-diff\"] [data-testid=\"diff-ins\"]')].map((e) => e.textContent).join('|');");
  assert.match(ins, /Tamika heard it/, "the added words are marked");
  await screenshot("incidents-affidavit-diff.png");
  await click("affidavit-diff-close");
  await s.waitForGone(byTestId("affidavit-diff-dialog"));
});

step("render the affidavit's PDF and preview it in the window", async () => {
  await click("affidavit-preview-open");
  await s.waitFor(byTestId("affidavit-preview"));
  await s.waitUntil(
    async () => {
      await noError("affidavit-preview-error", "affidavit-pdf-error");
      const v = await s.findAll(byTestId("affidavit-pdf"));
      return v.length && Number(await v[0].attribute("data-drawn")) >= 1;
    },
    { timeout: 60_000, message: "the affidavit PDF drawn" },
  );
  const view = await s.find(byTestId("affidavit-pdf"));
  const bytes = Number(await view.attribute("data-bytes"));
  assert.ok(bytes > 1000, `the rendered PDF's size (${bytes} bytes)`);
  assert.equal(await (await s.find(byTestId("affidavit-preview-meta"))).attribute("data-bytes"), String(bytes));
  const pageInk = await ink("affidavit-pdf-page");
  assert.ok(pageInk > 0.001, `the first page has ink (${pageInk})`);
  console.log(`# affidavit PDF: ${bytes} bytes, ${await view.attribute("data-pages")} page(s), ink ${pageInk.toFixed(4)}`);
  await screenshot("incidents-affidavit-pdf.png");

  // Saving a copy warns first (Cancel: the native save dialog is not opened here).
  await click("affidavit-preview-save-pdf");
  const dialog = await s.waitFor(byTestId("save-copy-confirm"));
  assert.match(String(await dialog.property("textContent")), /NOT encrypted/);
  await click("save-copy-confirm-cancel");
  await s.waitForGone(byTestId("save-copy-confirm"));
  await click("affidavit-preview-close");
  await s.waitForGone(byTestId("affidavit-preview"));
});

step("the status moves from draft to ready for counsel", async () => {
  await click("affidavit-mark-ready");
  await s.waitUntil(async () => (await (await s.find(byTestId("affidavit-status"))).attribute("data-status")) === "ready_for_counsel", {
    timeout: SHORT,
    message: "status ready_for_counsel",
  });
  await screenshot("incidents-affidavit.png");
});
