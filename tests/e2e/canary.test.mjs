// No plaintext on disk (issue 8), measured in the real Fieldbook window. A scripted session plants
// three canary strings through the UI, then every file the app can have written is scanned for them:
//
//   1. create a vault and a campaign; add a worker whose name holds canary 1;
//   2. log a 1-on-1 with that worker whose notes hold canary 2 (saved);
//   3. open the log form again and type canary 3 into the notes: the draft autosaves inside the
//      vault (draft_save) and is kept when the form is closed — a draft, never saved;
//   4. lock (btn-lock), and scan: the vault folder, the throw-away HOME that run.sh gives the app
//      (XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME, ~/.local/state, the WebKit storage under
//      them: ~/.local/share/<identifier>, ~/.cache/<identifier>, webkitgtk), XDG_RUNTIME_DIR, and
//      every file in /tmp, /var/tmp and /dev/shm created or changed since the test started;
//   5. quit the app (whatever it flushes on exit), start it again, unlock, and check that the
//      canaries ARE in the vault: the worker is found by the search, the 1-on-1's notes are in the
//      timeline, the draft is restored; lock, quit, and scan everything once more.
//
// Each canary is searched as UTF-8, UTF-16LE and UTF-16BE, both the whole string and its unique
// lower-case token (as a full-text index would store it), binary-safe. Zero hits are required.
// Positive controls, so the test cannot pass by scanning nothing: the vault folder's byte count is
// > 0, and the same scanner finds the vault's name (not a secret) in the recent-vaults list in
// $XDG_CONFIG_HOME/fieldbook/recent.json.
//
// Run through tests/e2e/run.sh (see vault.test.mjs for the environment):
//   tests/e2e/run.sh node --test --test-reporter=spec tests/e2e/canary.test.mjs

import { before, after } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, lstatSync, mkdtempSync, openSync, readSync, closeSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { byTestId } from "./webdriver.mjs";
import { scenario, openApp, closeApp, fillField, clickWhenEnabled } from "./scenario.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const APP = path.resolve(process.env.FIELDBOOK_APP ?? path.join(REPO, "target", "debug", "fieldbook-app"));
const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const ARTIFACTS = path.resolve(process.env.E2E_ARTIFACTS ?? path.join(REPO, "target", "e2e-artifacts"));
const E2E_TMP = process.env.FIELDBOOK_E2E_TMP;
const SCRATCH = E2E_TMP ? mkdtempSync(path.join(E2E_TMP, "canary-")) : mkdtempSync(path.join(tmpdir(), "fieldbook-e2e-canary-"));

const RUN = randomBytes(5).toString("hex");
const VAULT_NAME = `Canary Vault ${RUN}`;
const VAULT_DIR = path.join(SCRATCH, `${VAULT_NAME}.fieldbook`);
const PASSPHRASE = "violet tractor molasses 42 harbor";
const token = (tag) => `zqx${tag}${randomBytes(6).toString("hex")}`;
const CANARIES = [
  { what: "worker name", token: token("name") },
  { what: "1-on-1 note", token: token("note") },
  { what: "draft sentence", token: token("draft") },
];
CANARIES[0].text = `Zelda ${CANARIES[0].token} Wörkername`;
CANARIES[1].text = `She said the night crew is ready to sign, ${CANARIES[1].token} Überstunden.`;
CANARIES[2].text = `Draft: ask about the ${CANARIES[2].token} grievance on Tuesday.`;

const SHORT = 15_000;
const KDF = 60_000;
const MAX_FILE = 256 * 1024 * 1024; // a changed file in /tmp larger than this is not read (counted)

let s;
const step = scenario({ prefix: "canary-", artifacts: ARTIFACTS, session: () => s });
const fill = (testId, text) => fillField(s, testId, text);
const click = (testId, timeout = SHORT) => clickWhenEnabled(s, testId, timeout);

function report(t, text) {
  t.diagnostic(text);
  console.log(`# ${text}`);
}

/** Every byte pattern that would betray a canary (or the positive control). */
function patterns(items) {
  const out = [];
  for (const { what, text, token: tok } of items) {
    for (const [label, str] of [["text", text], ["token", tok], ["TOKEN", tok?.toUpperCase()]]) {
      if (!str) continue;
      out.push({ what, label, enc: "utf-8", bytes: Buffer.from(str, "utf8") });
      const le = Buffer.from(str, "utf16le");
      out.push({ what, label, enc: "utf-16le", bytes: le });
      const be = Buffer.from(le);
      be.swap16();
      out.push({ what, label, enc: "utf-16be", bytes: be });
    }
  }
  return out;
}

/** Regular files under dir (symlinks not followed); unreadable dirs are counted, not fatal. */
function walk(dir, out = [], skip = new Set(), errors = { n: 0 }) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    errors.n++;
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (skip.has(p)) continue;
    if (e.isDirectory()) walk(p, out, skip, errors);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Search one file for the patterns, in 8 MiB chunks with an overlap. Returns hits. */
function scanFile(file, pats) {
  const hits = [];
  const overlap = Math.max(...pats.map((p) => p.bytes.length)) - 1;
  const CHUNK = 8 * 1024 * 1024;
  let fd;
  try {
    fd = openSync(file, "r");
  } catch {
    return { hits, bytes: 0, unreadable: true };
  }
  const buf = Buffer.alloc(CHUNK + overlap);
  let carry = 0;
  let base = 0; // file offset of buf[0]
  let total = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, carry, CHUNK, null);
      if (n <= 0) break;
      total += n;
      const view = buf.subarray(0, carry + n);
      for (const p of pats) {
        let i = view.indexOf(p.bytes);
        while (i !== -1) {
          // a hit wholly inside the carried-over part was already reported
          if (i + p.bytes.length > carry) hits.push({ file, offset: base + i, what: p.what, label: p.label, enc: p.enc });
          i = view.indexOf(p.bytes, i + 1);
        }
      }
      const keep = Math.min(overlap, view.length);
      view.copy(buf, 0, view.length - keep);
      base += view.length - keep;
      carry = keep;
    }
  } catch {
    return { hits, bytes: total, unreadable: true };
  } finally {
    closeSync(fd);
  }
  return { hits, bytes: total };
}

/** Scan a list of files; totals and hits. */
function scanFiles(files, pats) {
  let bytes = 0;
  let unreadable = 0;
  let skipped = 0;
  const hits = [];
  for (const f of files) {
    let st;
    try {
      st = lstatSync(f);
    } catch {
      unreadable++;
      continue;
    }
    if (!st.isFile()) continue;
    if (st.size > MAX_FILE) {
      skipped++;
      continue;
    }
    const r = scanFile(f, pats);
    if (r.unreadable) unreadable++;
    bytes += r.bytes;
    hits.push(...r.hits);
  }
  return { files: files.length, bytes, unreadable, skipped, hits };
}

/** path → "mtime:size" of every regular file under the shared temp folders (outside run.sh's own). */
const SHARED_TMP = ["/tmp", "/var/tmp", "/dev/shm"].filter((d) => existsSync(d));
function snapshotShared() {
  const skip = new Set(E2E_TMP ? [path.resolve(E2E_TMP)] : [SCRATCH]);
  const map = new Map();
  for (const root of SHARED_TMP) {
    for (const f of walk(root, [], skip)) {
      try {
        const st = lstatSync(f);
        map.set(f, `${st.mtimeMs}:${st.size}:${st.ino}`);
      } catch {
        /* gone */
      }
    }
  }
  return map;
}
let sharedBefore;

/** The folders the app process uses, by name. HOME/XDG_* come from run.sh. */
function appFolders() {
  const home = process.env.HOME;
  const dirs = [["vault folder", VAULT_DIR]];
  const xdg = [
    ["XDG_CONFIG_HOME", process.env.XDG_CONFIG_HOME],
    ["XDG_DATA_HOME", process.env.XDG_DATA_HOME],
    ["XDG_CACHE_HOME", process.env.XDG_CACHE_HOME],
    ["XDG_STATE_HOME", process.env.XDG_STATE_HOME ?? (home ? path.join(home, ".local", "state") : undefined)],
    ["XDG_RUNTIME_DIR", process.env.XDG_RUNTIME_DIR],
  ];
  for (const [name, d] of xdg) if (d) dirs.push([name, d]);
  if (E2E_TMP) dirs.push(["rest of run.sh's HOME/temp", E2E_TMP]);
  return dirs;
}

/** Scan every folder; each file is counted once, under the first folder that holds it. */
function scanAll(t, when) {
  const pats = patterns(CANARIES);
  const seen = new Set();
  const rows = [];
  const hits = [];
  for (const [name, dir] of appFolders()) {
    const files = existsSync(dir) ? walk(path.resolve(dir)).filter((f) => !seen.has(f)) : [];
    files.forEach((f) => seen.add(f));
    const r = scanFiles(files, pats);
    rows.push({ name, dir, ...r });
    hits.push(...r.hits);
  }
  const now = snapshotShared();
  const changed = [...now.keys()].filter((f) => sharedBefore.get(f) !== now.get(f) && !seen.has(f));
  const r = scanFiles(changed, pats);
  rows.push({ name: `new/changed in ${SHARED_TMP.join(", ")}`, dir: "", ...r });
  hits.push(...r.hits);
  for (const row of rows) {
    report(t, `${when}: ${row.name}${row.dir ? ` (${row.dir})` : ""}: ${row.files} files, ${row.bytes} bytes scanned` +
      `${row.unreadable ? `, ${row.unreadable} unreadable` : ""}${row.skipped ? `, ${row.skipped} over ${MAX_FILE} bytes skipped` : ""}, ${row.hits.length} hits`);
  }
  // Which stores were there (WebKit's storage and caches live under XDG_DATA_HOME / XDG_CACHE_HOME).
  for (const [name, dir] of appFolders().filter(([n]) => n === "XDG_DATA_HOME" || n === "XDG_CACHE_HOME")) {
    if (!existsSync(dir)) continue;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const files = e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)];
      report(t, `${when}:   ${name}/${e.name}: ${files.length} files`);
    }
  }
  for (const h of hits) report(t, `CANARY FOUND: ${h.what} (${h.label}, ${h.enc}) in ${h.file} at offset ${h.offset}`);
  return { rows, hits };
}

function checkScan(t, when) {
  const { rows, hits } = scanAll(t, when);
  const vault = rows.find((r) => r.name === "vault folder");
  assert.ok(vault && vault.files >= 2 && vault.bytes > 0, `the vault folder was scanned (${vault?.files} files, ${vault?.bytes} bytes)`);
  // Positive control: the scanner finds a plaintext marker that is known to be there.
  const cfg = process.env.XDG_CONFIG_HOME;
  assert.ok(cfg, "XDG_CONFIG_HOME is set (run through tests/e2e/run.sh)");
  const control = scanFiles(walk(cfg), patterns([{ what: "vault name (control)", text: VAULT_NAME }]));
  const inRecent = control.hits.filter((h) => h.file.endsWith(path.join("fieldbook", "recent.json")));
  assert.ok(inRecent.length > 0, `positive control: the vault's name is found in recent.json (${control.hits.length} hits)`);
  report(t, `${when}: positive control: vault name found ${inRecent.length}× in recent.json`);
  assert.deepEqual(
    hits.map((h) => `${h.what} ${h.enc} ${h.file}@${h.offset}`),
    [],
    "no canary in plaintext on disk",
  );
}

async function noError(...ids) {
  for (const id of ids) {
    for (const el of await s.findAll(byTestId(id))) {
      if (await el.displayed()) throw new Error(`${id} (${await el.attribute("data-code")}): ${await el.text()}`);
    }
  }
}

async function openWorker() {
  await click("nav-workers");
  await s.waitFor(byTestId("section-workers"), { timeout: SHORT });
  await fill("workers-search", CANARIES[0].token);
  const row = await s.waitUntil(
    async () => {
      const rows = await s.findAll(byTestId("worker-row"));
      if (rows.length !== 1) return null;
      return String(await rows[0].property("textContent")).includes(CANARIES[0].token) ? rows[0] : null;
    },
    { timeout: SHORT, message: "exactly one worker row with the canary name" },
  );
  await row.click();
  await s.waitFor(byTestId("worker-page"), { timeout: SHORT });
}

async function unlock() {
  const item = await s.waitUntil(
    async () => {
      for (const el of await s.findAll(byTestId("recent-item"))) {
        if ((await el.text()).includes(VAULT_NAME) && (await el.displayed())) return el;
      }
      return null;
    },
    { timeout: 30_000, message: `a recent-item containing "${VAULT_NAME}"` },
  );
  await item.click();
  await fill("unlock-pass", PASSPHRASE);
  await click("unlock-submit");
  await s.waitUntil(
    async () => {
      await noError("unlock-error");
      return (await s.findAll(byTestId("app-shell"))).length > 0;
    },
    { timeout: KDF, message: "app-shell after unlock" },
  );
}

async function lock() {
  await click("btn-lock");
  await s.waitFor(byTestId("start-screen"), { timeout: SHORT });
  await s.waitForGone(byTestId("app-shell"));
}

before(async () => {
  assert.ok(existsSync(APP), `app binary not found: ${APP}`);
  sharedBefore = snapshotShared();
  s = await openApp(DRIVER, APP);
  console.log(`# webdriver session ${s.id}; vault folder ${VAULT_DIR}; ${CANARIES.length} canaries (their values are never printed: this output may itself land in a scanned folder)`);
});

after(() => closeApp(s));

step("create a vault and its campaign", async () => {
  await s.waitFor(byTestId("start-screen"), { timeout: 30_000 });
  await click("btn-new-vault");
  await fill("create-name", VAULT_NAME);
  await fill("create-folder", SCRATCH);
  await fill("create-pass", PASSPHRASE);
  await fill("create-pass2", PASSPHRASE);
  await click("create-submit");
  await s.waitUntil(
    async () => {
      await noError("create-error");
      return (await s.findAll(byTestId("recovery-key"))).length > 0;
    },
    { timeout: KDF, message: "recovery-key (vault creation)" },
  );
  await click("recovery-saved");
  await click("recovery-continue");
  await s.waitFor(byTestId("app-shell"));
  await click("nav-workers");
  if ((await s.findAll(byTestId("campaign-setup"))).length) {
    await fill("campaign-name", "Riverside DC");
    await click("campaign-create");
  }
  await s.waitFor(byTestId("section-workers"), { timeout: SHORT });
});

step("add a worker whose name is canary 1", async () => {
  await click("btn-add-worker");
  await s.waitFor(byTestId("worker-form"));
  await fill("wf-legal-name", CANARIES[0].text);
  await fill("wf-department", "Picking");
  await click("wf-save");
  await s.waitUntil(
    async () => {
      await noError("worker-form-error");
      return (await s.findAll(byTestId("worker-form"))).length === 0;
    },
    { timeout: SHORT, message: "the worker form to close (saved)" },
  );
  await openWorker();
  assert.ok(String(await (await s.find(byTestId("worker-page"))).property("textContent")).includes(CANARIES[0].token));
});

step("log a 1-on-1 whose notes are canary 2", async () => {
  await click("btn-log-conversation");
  await s.waitFor(byTestId("log-form"));
  await fill("log-notes", CANARIES[1].text);
  await click("log-save");
  await s.waitUntil(
    async () => {
      await noError("log-error");
      return (await s.findAll(byTestId("log-form"))).length === 0;
    },
    { timeout: SHORT, message: "the log form to close (saved)" },
  );
  const timeline = await s.waitFor(byTestId("timeline"), { timeout: SHORT });
  await s.waitUntil(async () => String(await timeline.property("textContent")).includes(CANARIES[1].token), {
    timeout: SHORT,
    message: "the 1-on-1 note in the timeline",
  });
});

step("type canary 3 into a new 1-on-1: the draft autosaves and is kept on close", async () => {
  await click("btn-log-conversation");
  await s.waitFor(byTestId("log-form"));
  const notes = await s.waitFor(byTestId("log-notes"));
  await notes.sendKeys(CANARIES[2].text);
  await s.waitUntil(async () => (await (await s.find(byTestId("log-draft-status"))).attribute("data-state")) === "saved", {
    timeout: SHORT,
    message: "the draft autosaved",
  });
  await click("log-cancel");
  await s.waitForGone(byTestId("log-form"));
  await sleep(2_000); // let the WebView write whatever it writes
});

step("lock, then scan: no canary on disk (app still running)", async (t) => {
  await lock();
  await sleep(2_000);
  checkScan(t, "locked");
});

step("restart the app and unlock: the canaries are in the vault", async () => {
  await closeApp(s);
  s = undefined;
  await sleep(1_000);
  s = await openApp(DRIVER, APP);
  await s.waitFor(byTestId("start-screen"), { timeout: 30_000 });
  await unlock();
  await openWorker();
  const timeline = await s.waitFor(byTestId("timeline"), { timeout: SHORT });
  assert.ok(String(await timeline.property("textContent")).includes(CANARIES[1].token), "the 1-on-1 note is in the timeline");
  await click("btn-log-conversation");
  await s.waitFor(byTestId("log-draft-restored"), { timeout: SHORT });
  const notes = await s.waitFor(byTestId("log-notes"));
  assert.equal(await notes.property("value"), CANARIES[2].text, "the draft is restored from the vault");
  await click("log-cancel");
  await s.waitForGone(byTestId("log-form"));
});

step("lock, quit, and scan again: no canary on disk", async (t) => {
  await lock();
  await closeApp(s);
  s = undefined;
  await sleep(2_000);
  checkScan(t, "after exit");
});
