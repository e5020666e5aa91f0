// End-to-end test of the worker table with 20,000 workers (issue 3: "a worker table that stays
// smooth with 20,000 rows … sortable, with the counts of the current filter"), and of campaigns
// and custom fields, in the real window. Its own WebDriver session and vault:
//
//   1. before the session, `fieldbook demo <tmp>/Big --workers 20000` (the CLI, built from this
//      checkout unless FIELDBOOK_CLI is set) makes the vault and puts it in the recent list of the
//      app under test; `fieldbook workers --json` gives the default list (active, no supervisors):
//      its size, its counts, its first names in order;
//   2. unlock it from the start screen's recent list; wait for Today, then until the app is idle
//      (the map's betweenness is computed in the background after an unlock: a measurement taken
//      while it runs would time the CPU contention, not the list);
//   3. first paint of the worker list, measured in the page with performance.now(): the click on
//      nav-workers (capture phase) → the first animation frame in which the rows are in the DOM
//      and the count reads the CLI's total, and the frame after that (painted). Five times (Today
//      in between, idle again before each), the median reported;
//   4. jump to the middle of the list (scrollTop), and End: the rows there are shown (the CLI's
//      names at those positions); sort by name descending: the first row is the CLI's last;
//   5. (skipped with WORKERS_MEASURE_ONLY=1, for timing an older build) campaign settings: add a
//      custom field "Locker"; set it on the first worker through the worker form; the worker page
//      and the table's optional column show it, and filtering on it keeps exactly that worker;
//      create a second campaign: everything switches to it (an empty list); switch back; lock,
//      and the CLI finds the value and the second campaign in the vault.
//
// Run through tests/e2e/run.sh:
//   E2E_PORT=4710 tests/e2e/run.sh node --test tests/e2e/workers.test.mjs
//
// Extra environment:
//   FIELDBOOK_CLI            the CLI binary (default: build <repo>/target/debug/fieldbook)
//   WORKERS_N                workers in the demo vault (default 20000)
//   WORKERS_MEASURE_ONLY=1   stop after the measurements (steps 1–4)
//   WORKERS_RUNS             first-paint runs (default 5)

import { before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { byTestId, Keys } from "./webdriver.mjs";
import { scenario, openApp, closeApp, fillField, clickWhenEnabled, buildCli } from "./scenario.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "..", "..");
const TARGET = path.resolve(process.env.CARGO_TARGET_DIR ?? path.join(REPO, "target"));
const APP = path.resolve(process.env.FIELDBOOK_APP ?? path.join(TARGET, "debug", "fieldbook-app"));
const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const ARTIFACTS = path.resolve(process.env.E2E_ARTIFACTS ?? path.join(REPO, "target", "e2e-artifacts"));
const SCRATCH = process.env.FIELDBOOK_E2E_TMP
  ? mkdtempSync(path.join(process.env.FIELDBOOK_E2E_TMP, "workers-"))
  : mkdtempSync(path.join(tmpdir(), "fieldbook-e2e-workers-"));

const WORKERS = Number(process.env.WORKERS_N ?? 20000);
const MEASURE_ONLY = process.env.WORKERS_MEASURE_ONLY === "1";
const PASSPHRASE = "violet tractor molasses 42 harbor";
const VAULT_DIR = path.join(SCRATCH, "Big.fieldbook");
const SHORT = 15_000;
const KDF = 60_000;
const RUNS = Number(process.env.WORKERS_RUNS ?? 5);

// A bound the paged list meets with a wide margin (measured under Xvfb, debug build, 2 cores);
// the whole-list version took longer than this at 20,000 workers (docs/benchmarks.md).
const MAX_FIRST_PAINT_MS = 2_500;
const MAX_JUMP_MS = 2_000;

/** @type {import("./webdriver.mjs").Session} */
let s;
let bin;
/** The CLI's default list. */
let cli;
const figures = {};

const step = scenario({ prefix: "workers-", artifacts: ARTIFACTS, session: () => s });
const later = (name, fn, timeout) => (MEASURE_ONLY ? undefined : step(name, fn, timeout));

function report(t, text) {
  t.diagnostic(text);
  console.log(`# ${text}`);
}

const fill = (testId, text) => fillField(s, testId, text);
const click = (testId, timeout = SHORT) => clickWhenEnabled(s, testId, timeout);

function fieldbook(args) {
  return execFileSync(bin, [...args, "--passphrase-stdin"], {
    input: PASSPHRASE + "\n",
    env: process.env,
    encoding: "utf8",
    maxBuffer: 256 << 20,
  });
}

/** Poll a page global set by an in-page measurement until it is defined; fail on its error. */
async function pageResult(name, timeout) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await s.execute(`return window[${JSON.stringify(name)}] ?? null;`);
    if (v && v.error) throw new Error(`in-page measurement ${name} failed: ${v.error}`);
    if (v) return v;
    if (Date.now() >= end) throw new Error(`timed out after ${timeout} ms waiting for the in-page measurement ${name}`);
    await sleep(100);
  }
}

/** The app's process (the binary tauri-driver started), found by its executable. */
function appPid() {
  const want = realpathSync(APP);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/exe`) === want) return Number(entry);
    } catch {
      // not ours, or gone
    }
  }
  return null;
}

function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

/** Wait until the app process uses under 10 % of a core for two seconds in a row. */
async function waitIdle(t, timeout = 240_000) {
  const pid = appPid();
  if (!pid) {
    report(t, "app process not found: not waiting for idle");
    return;
  }
  const t0 = Date.now();
  let calm = 0;
  let last = cpuTicks(pid);
  while (Date.now() - t0 < timeout) {
    await sleep(1000);
    const now = cpuTicks(pid);
    const share = (now - last) / 100; // clock ticks (100/s) per second
    last = now;
    calm = share < 0.1 ? calm + 1 : 0;
    if (calm >= 2) return Date.now() - t0;
  }
  throw new Error(`the app stayed busy for ${timeout} ms`);
}

/** The names of the rows in the DOM, by their position in the list. */
async function rowsShown() {
  return s.execute(
    `return [...document.querySelectorAll('[data-testid="workers-grid"] [role="row"][aria-rowindex]')]
       .filter((r) => r.getAttribute('aria-rowindex') !== '1')
       .map((r) => ({ index: Number(r.getAttribute('aria-rowindex')) - 2, name: r.querySelector('.name')?.textContent ?? null }))
       .sort((a, b) => a.index - b.index);`,
  );
}

before(async () => {
  assert.ok(existsSync(APP), `app binary not found: ${APP}`);
  assert.ok(process.env.XDG_CONFIG_HOME, "XDG_CONFIG_HOME is set (run through tests/e2e/run.sh)");
  bin = buildCli(REPO, TARGET);
  assert.ok(existsSync(bin), `CLI binary not found: ${bin}`);
  const t0 = Date.now();
  const out = fieldbook(["demo", path.join(SCRATCH, "Big"), "--workers", String(WORKERS), "--work-factor", "18"]);
  console.log(`# ${out.trim().split("\n").join("\n# ")} (${Date.now() - t0} ms)`);
  const list = JSON.parse(fieldbook(["workers", VAULT_DIR, "--json"]));
  assert.equal(list.rows.length, list.counts.total, "workers --json: rows = counts.total");
  cli = { total: list.counts.total, names: list.rows.map((r) => r.name), ids: list.rows.map((r) => r.id) };
  console.log(`# default list (active, no supervisors): ${cli.total} of ${WORKERS}`);
  s = await openApp(DRIVER, APP);
});

after(() => closeApp(s));

step("unlock the big vault from the recent list, wait for Today and an idle app", async (t) => {
  await s.waitFor(byTestId("start-screen"), { timeout: 30_000 });
  const item = await s.waitUntil(
    async () => {
      for (const el of await s.findAll(byTestId("recent-item"))) {
        if (String(await el.property("textContent")).includes(VAULT_DIR) && (await el.displayed())) return el;
      }
      return null;
    },
    { timeout: SHORT, message: `a recent-item with the path ${VAULT_DIR}` },
  );
  await (await item.find("button.open")).click();
  await fill("unlock-pass", PASSPHRASE);
  await click("unlock-submit");
  await s.waitFor(byTestId("app-shell"), { timeout: KDF });
  await s.waitFor(byTestId("today-committee"), { timeout: 120_000 });
  const idle = await waitIdle(t);
  report(t, `Today shown; the app idle ${idle} ms later`);
});

step(`first paint of the worker list (${RUNS} runs)`, async (t) => {
  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    if (run > 0) {
      await click("nav-today");
      await s.waitFor(byTestId("today-committee"), { timeout: 120_000 });
      await waitIdle(t);
    }
    await s.execute(
      `const want = arguments[0];
       delete window.__workersOpen;
       const nav = document.querySelector('[data-testid="nav-workers"]');
       nav.addEventListener('click', () => {
         const t0 = performance.now();
         let frames = 0;
         const tick = () => {
           frames++;
           const rows = document.querySelectorAll('[data-testid="worker-row"]').length;
           const count = document.querySelector('[data-testid="workers-count"] .total strong');
           const total = count ? Number(count.textContent.replace(/[^0-9]/g, '')) : -1;
           if (rows > 0 && total === want) {
             const dom = performance.now() - t0;
             requestAnimationFrame(() => { window.__workersOpen = { dom, painted: performance.now() - t0, frames, rows, total }; });
           } else if (performance.now() - t0 > 120000) {
             window.__workersOpen = { error: rows + ' rows, count ' + total + ' (want ' + want + ') after 120 s' };
           } else requestAnimationFrame(tick);
         };
         requestAnimationFrame(tick);
       }, { capture: true, once: true });
       return true;`,
      [cli.total],
    );
    await click("nav-workers");
    const r = await pageResult("__workersOpen", 125_000);
    runs.push(r);
    report(t, `run ${run + 1}: rows in the DOM ${r.dom.toFixed(0)} ms after the click, painted ${r.painted.toFixed(0)} ms (${r.rows} rows rendered, count ${r.total})`);
  }
  const painted = runs.map((r) => r.painted).sort((a, b) => a - b);
  figures.firstPaint = { runs: runs.map((r) => Math.round(r.painted)), median: Math.round(painted[Math.floor(painted.length / 2)]) };
  report(t, `first paint, median of ${RUNS}: ${figures.firstPaint.median} ms (${figures.firstPaint.runs.join(", ")} ms)`);
  // The first rows are the CLI's first workers, in its order.
  const shown = await rowsShown();
  assert.deepEqual(shown.slice(0, 5).map((r) => r.name), cli.names.slice(0, 5), "the first rows");
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path.join(ARTIFACTS, `workers-${WORKERS}.png`), await s.screenshot(60_000));
  assert.ok(figures.firstPaint.median <= MAX_FIRST_PAINT_MS, `first paint ${figures.firstPaint.median} ms ≤ ${MAX_FIRST_PAINT_MS} ms`);
});

step("jump to the middle and to the end: the rows there are shown, in the CLI's order", async (t) => {
  const grid = await s.find(byTestId("workers-grid"));
  for (const where of ["middle", "end"]) {
    const t0 = Date.now();
    if (where === "middle") await s.execute(`const g = arguments[0]; g.scrollTop = g.scrollHeight / 2; return true;`, [grid.ref()]);
    else {
      // Focus the grid without clicking (a click on a row opens that worker), then End.
      await s.execute(`arguments[0].focus(); return document.activeElement === arguments[0];`, [grid.ref()]);
      await s.pressChord("\uE010"); // End
    }
    const rows = await s.waitUntil(
      async () => {
        const shown = (await rowsShown()).filter((r) => r.name !== null);
        const mid = shown.filter((r) => (where === "end" ? r.index === cli.total - 1 : r.index > cli.total / 2 - 50 && r.index < cli.total / 2 + 50));
        return mid.length > 0 ? shown : null;
      },
      { timeout: MAX_JUMP_MS * 5, message: `rows at the ${where} of the list` },
    );
    const ms = Date.now() - t0;
    figures[`jump_${where}`] = ms;
    report(t, `${where}: rows shown ${ms} ms after the jump (WebDriver round trips included)`);
    for (const r of rows) assert.equal(r.name, cli.names[r.index], `row ${r.index} is the CLI's`);
    assert.ok(ms <= MAX_JUMP_MS, `${where}: ${ms} ms ≤ ${MAX_JUMP_MS} ms`);
  }
  await s.execute(`document.querySelector('[data-testid="workers-grid"]').scrollTop = 0; return true;`);
});

step("sort by name, descending: the first row is the CLI's last", async (t) => {
  const t0 = Date.now();
  await click("sort-name");
  const last = cli.names.at(-1);
  await s.waitUntil(async () => (await rowsShown())[0]?.name === last, { timeout: SHORT, message: `first row ${last}` });
  figures.sortDesc = Date.now() - t0;
  report(t, `sorted descending in ${figures.sortDesc} ms (WebDriver round trips included)`);
  const count = await (await s.find(byTestId("workers-count"))).text();
  assert.equal(Number(count.match(/[\d,.\u00a0\u202f]+/)[0].replace(/\D/g, "")), cli.total, "the count does not change with the order");
  await click("sort-name");
  await s.waitUntil(async () => (await rowsShown())[0]?.name === cli.names[0], { timeout: SHORT, message: "ascending again" });
  report(t, `figures ${JSON.stringify(figures)}`);
});

later("campaign settings: add a custom field", async () => {
  await click("campaign-settings");
  await s.waitFor(byTestId("campaign-dialog"));
  await fill("cd-fields-new", "Locker");
  await click("cd-fields-add");
  await s.waitFor(`${byTestId("cd-fields-item")}`);
  assert.equal(await (await s.find(byTestId("cd-fields-item"))).property("value"), "Locker");
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path.join(ARTIFACTS, "workers-campaign-settings.png"), await s.screenshot(60_000));
  await click("cd-save");
  await s.waitForGone(byTestId("campaign-dialog"), { timeout: SHORT });
});

later("set the custom field on a worker through the worker form", async () => {
  // Not `displayed()`: WebKit's visibility heuristic does not see cells in the virtual list's
  // absolutely placed rows; the row is clicked as a person would, through its own handler.
  const first = await s.waitFor(`${byTestId("worker-row")}[data-id="${cli.ids[0]}"]`, { visible: false });
  await s.execute(`arguments[0].closest('[role="row"]').click(); return true;`, [first.ref()]);
  await s.waitFor(byTestId("worker-page"));
  await click("btn-edit-worker");
  await s.waitFor(byTestId("worker-form"));
  const box = await s.waitFor(`${byTestId("wf-custom")}[data-field="Locker"]`);
  await box.clear();
  await box.sendKeys("B-14");
  await click("wf-save");
  await s.waitForGone(byTestId("worker-form"), { timeout: SHORT });
  const shown = await s.waitFor(`${byTestId("worker-custom-field")}[data-field="Locker"]`, { timeout: SHORT });
  assert.equal(await shown.text(), "B-14", "the worker page shows the value");
  // The vault has it (the CLI reads the same vault file after the app's write).
  await click("worker-back");
  await s.waitFor(byTestId("workers-grid"));
});

later("the table shows the field as a column and filters on it", async () => {
  await click("columns-button");
  const toggle = await s.waitFor(`${byTestId("column-toggle")}[data-field="Locker"]`);
  await toggle.click();
  await s.pressChord(Keys.ESCAPE);
  const cell = await s.waitFor(`${byTestId("worker-custom")}[data-field="Locker"]`, { timeout: SHORT, visible: false });
  assert.ok(cell);
  await s.waitUntil(
    async () =>
      s.execute(
        `const row = document.querySelector('[data-testid="worker-row"][data-id="${cli.ids[0]}"]')?.closest('[role="row"]');
         return row?.querySelector('[data-testid="worker-custom"][data-field="Locker"]')?.textContent === 'B-14';`,
      ),
    { timeout: SHORT, message: "the Locker column of the first worker reads B-14" },
  );
  const filter = await s.waitFor(byTestId("filter-custom"), { timeout: SHORT });
  await s.execute(
    `const sel = arguments[0]; sel.value = JSON.stringify(["Locker", "B-14"]); sel.dispatchEvent(new Event('change', { bubbles: true })); return true;`,
    [filter.ref()],
  );
  await s.waitUntil(
    async () => {
      const ids = await s.execute(`return [...document.querySelectorAll('[data-testid="worker-row"]')].map((r) => Number(r.getAttribute('data-id')));`);
      return ids.length === 1 && ids[0] === cli.ids[0];
    },
    { timeout: SHORT, message: "only the worker with Locker B-14" },
  );
  const count = await (await s.find(byTestId("workers-count"))).text();
  assert.match(count.replace(/[\s,.\u00a0\u202f]/g, ""), /^1coworkers/, `workers-count "${count}"`);
  await click("filter-clear");
});

later("create a second campaign: every screen switches to it; switch back", async () => {
  await click("campaign-new");
  await s.waitFor(byTestId("campaign-dialog"));
  await fill("cd-name", "Second site");
  await click("cd-save");
  await s.waitForGone(byTestId("campaign-dialog"), { timeout: SHORT });
  await s.waitFor(byTestId("workers-empty"), { timeout: SHORT });
  const pick = await s.waitFor(byTestId("campaign-pick"));
  const options = await s.execute(`return [...arguments[0].options].map((o) => o.textContent);`, [pick.ref()]);
  assert.equal(options.length, 2, `both campaigns offered: ${JSON.stringify(options)}`);
  assert.equal(options.at(-1), "Second site");
  assert.equal(await pick.property("value"), await s.execute(`return arguments[0].options[1].value;`, [pick.ref()]), "the new one is current");
  await click("nav-today");
  await s.waitFor(byTestId("section-today"));
  await click("nav-workers");
  await s.waitFor(byTestId("workers-empty"), { timeout: SHORT });
  // Back to the first campaign.
  const first = await s.execute(`return arguments[0].options[0].value;`, [pick.ref()]);
  await s.execute(
    `const sel = arguments[0]; sel.value = arguments[1]; sel.dispatchEvent(new Event('change', { bubbles: true })); return true;`,
    [pick.ref(), first],
  );
  await s.waitUntil(
    async () => {
      const count = await (await s.find(byTestId("workers-count"))).text();
      return Number((count.match(/[\d,.\u00a0\u202f]+/)?.[0] ?? "").replace(/\D/g, "")) === cli.total;
    },
    { timeout: SHORT, message: `the count back to ${cli.total}` },
  );
  writeFileSync(path.join(ARTIFACTS, "workers-campaigns.png"), await s.screenshot(60_000));
});

later("lock: the CLI reads the custom value and the second campaign from the vault", async () => {
  await click("btn-lock");
  await s.waitFor(byTestId("start-screen"), { timeout: SHORT });
  const first = JSON.parse(fieldbook(["workers", VAULT_DIR, "--json", "--limit", "1"]));
  assert.equal(first.counts.total, cli.total, "--limit 1 counts the whole list");
  assert.equal(first.rows.length, 1);
  assert.equal(first.rows[0].id, cli.ids[0]);
  assert.equal(first.rows[0].custom?.Locker, "B-14", "the value set in the window is in the vault");
  const second = JSON.parse(fieldbook(["workers", VAULT_DIR, "--json", "--campaign", "2"]));
  assert.equal(second.counts.total, 0, "the second campaign exists and is empty");
});
