// End-to-end performance test of the wall chart with 5,000 workers (issue 3: "must stay fluid
// with 5,000 workers"), measured in the real window. Its own WebDriver session and vault:
//
//   1. before the session, `fieldbook demo <tmp>/Big --workers 5000` (the CLI, built from this
//      checkout with `cargo build --bin fieldbook` unless FIELDBOOK_CLI is set) creates the vault
//      and adds it to the recent list of the app under test (same XDG_CONFIG_HOME, set by run.sh);
//   2. unlock it through the start screen's recent list;
//   3. measure, with performance.now() stamps taken inside the page:
//      (a) click on nav-wallchart → every chip rendered (the first animation frame in which the
//          chip count equals the default list's size: active, no supervisors), and the frame after
//          that (the first frame begun after that one was laid out and painted);
//      (b) click on assessment "1" in the filter → the DOM dims every other chip (next frame),
//          and the frame after that;
//      (c) scrolling the chart's scroll container by 2,000 px over ~1 s, one step per animation
//          frame: the longest and mean frame interval.
//   The figures are printed (t.diagnostic + console.log) and checked against generous bounds.
//
// Run through tests/e2e/run.sh (see vault.test.mjs for the environment).
//
// Extra environment:
//   FIELDBOOK_CLI        the CLI binary (default: build <repo>/target/debug/fieldbook with cargo)
//   WALL_WORKERS         number of workers in the demo vault (default 5000)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { Session, byTestId } from "./webdriver.mjs";
import { scenario, openApp, closeApp, fillField, clickWhenEnabled, buildCli } from "./scenario.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "..", "..");
const TARGET = path.resolve(process.env.CARGO_TARGET_DIR ?? path.join(REPO, "target"));
const APP = path.resolve(process.env.FIELDBOOK_APP ?? path.join(TARGET, "debug", "fieldbook-app"));
const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const ARTIFACTS = path.resolve(process.env.E2E_ARTIFACTS ?? path.join(REPO, "target", "e2e-artifacts"));
const SCRATCH = process.env.FIELDBOOK_E2E_TMP
  ? mkdtempSync(path.join(process.env.FIELDBOOK_E2E_TMP, "wallchart-"))
  : mkdtempSync(path.join(tmpdir(), "fieldbook-e2e-wallchart-"));

const WORKERS = Number(process.env.WALL_WORKERS ?? 5000);
const PASSPHRASE = "granite heron paprika 58 ledger";
const VAULT_DIR = path.join(SCRATCH, "Big.fieldbook");

const SHORT = 15_000;
const KDF = 60_000;

// Bounds a fluid UI meets, chosen from measurements under Xvfb (software rendering, debug build)
// on a 2-core machine, with ≥ 1.6× margin over the worst figure seen with a busy loop hogging one
// core (shared CI). Measured after the fix, idle / one core busy (before the fix, idle):
//   render  0.68–0.92 s / 0.76–0.94 s   (1.12–1.43 s)
//   filter  0.17–0.23 s / 0.22–0.31 s   (0.39–0.67 s)
//   scroll  longest 37–42 ms / 46–88 ms, mean 24–25 ms / 35–36 ms   (longest 60–405 ms, mean 31–88 ms)
const MAX_RENDER_MS = 2_000; // click on the nav item → every chip in the DOM, and the next frame
const MAX_FILTER_MS = 500; // click on assessment "1" → the dimmed chips, and the next frame
const MAX_SCROLL_FRAME_MS = 150; // longest frame while scrolling 2,000 px over ~1 s
const MAX_SCROLL_MEAN_MS = 60; // mean frame while scrolling

/** @type {Session} */
let s;
/** The default list's size (active, no supervisors) and its per-assessment counts. */
let expected;
const figures = {};

const step = scenario({ prefix: "wallchart-", artifacts: ARTIFACTS, session: () => s });

function report(t, text) {
  t.diagnostic(text);
  console.log(`# ${text}`);
}

const fill = (testId, text) => fillField(s, testId, text);

const click = (testId, timeout = SHORT) => clickWhenEnabled(s, testId, timeout);

/** Poll a page global set by the in-page measurement until it is defined; fail on its error. */
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

before(async () => {
  assert.ok(existsSync(APP), `app binary not found: ${APP}`);
  assert.ok(process.env.XDG_CONFIG_HOME, "XDG_CONFIG_HOME is set (run through tests/e2e/run.sh, so the demo vault lands in the test app's recent list)");
  const bin = buildCli(REPO, TARGET);
  assert.ok(existsSync(bin), `CLI binary not found: ${bin}`);
  const t0 = Date.now();
  // Same environment as the app under test (run.sh's throw-away HOME / XDG_CONFIG_HOME), so the
  // demo vault is added to the recent list that the app shows.
  const out = execFileSync(bin, ["demo", path.join(SCRATCH, "Big"), "--workers", String(WORKERS), "--passphrase-stdin", "--work-factor", "18"], {
    input: PASSPHRASE + "\n",
    env: process.env,
    encoding: "utf8",
  });
  console.log(`# ${out.trim().split("\n").join("\n# ")} (${Date.now() - t0} ms)`);
  assert.ok(existsSync(path.join(VAULT_DIR, "vault.db")), `${VAULT_DIR}/vault.db exists`);
  const list = JSON.parse(
    execFileSync(bin, ["workers", VAULT_DIR, "--passphrase-stdin", "--json"], { input: PASSPHRASE + "\n", env: process.env, encoding: "utf8", maxBuffer: 64 << 20 }),
  );
  expected = { total: list.counts.total, byAssessment: list.counts.byAssessment, rows: list.rows.length };
  assert.equal(expected.rows, expected.total, "workers --json: rows = counts.total");
  console.log(`# default list (active, no supervisors): ${expected.total} of ${WORKERS}; by assessment [–,1..5] ${JSON.stringify(expected.byAssessment)}`);

  s = await openApp(DRIVER, APP);
  console.log(`# webdriver session ${s.id}; vault ${VAULT_DIR}`);
});

after(() => closeApp(s));

step("unlock the 5,000-worker vault from the recent list", async () => {
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
  const res = await s.waitUntil(
    async () => {
      for (const err of await s.findAll(byTestId("unlock-error"))) {
        if (await err.displayed()) return { error: `data-code=${await err.attribute("data-code")}: ${await err.text()}` };
      }
      const shell = await s.findAll(byTestId("app-shell"));
      return shell.length > 0 && (await shell[0].displayed()) ? { ok: true } : null;
    },
    { timeout: KDF, message: "app-shell after unlocking" },
  );
  if (res.error) throw new Error(`unlocking failed: ${res.error}`);
  await s.waitFor(byTestId("nav-wallchart"));
});

step("(a) open the wall chart: click → every chip rendered", async (t) => {
  // Stamp the click itself (capture phase, before the app's handler), then check every animation
  // frame until the chips are all there; the frame after that one starts once it is painted.
  await s.execute(
    `const want = arguments[0];
     delete window.__wallOpen;
     const nav = document.querySelector('[data-testid="nav-wallchart"]');
     nav.addEventListener('click', () => {
       const t0 = performance.now();
       let frames = 0;
       const tick = () => {
         frames++;
         const n = document.querySelectorAll('[data-testid="wall-chip"]').length;
         if (n === want) {
           const dom = performance.now() - t0;
           requestAnimationFrame(() => { window.__wallOpen = { dom, painted: performance.now() - t0, frames, chips: n }; });
         } else if (performance.now() - t0 > 60000) {
           window.__wallOpen = { error: 'only ' + n + ' of ' + want + ' chips after 60 s' };
         } else requestAnimationFrame(tick);
       };
       requestAnimationFrame(tick);
     }, { capture: true, once: true });
     return true;`,
    [expected.total],
  );
  await click("nav-wallchart");
  const r = await pageResult("__wallOpen", 65_000);
  figures.render = r;
  report(t, `wall chart render, ${r.chips} chips: DOM complete ${r.dom.toFixed(0)} ms after the click, next frame ${r.painted.toFixed(0)} ms (${r.frames} frames polled)`);
  assert.equal(r.chips, expected.total, "one chip per worker of the default list");
  const count = String(await (await s.find(byTestId("wall-count"))).property("textContent"));
  assert.match(count.replace(/[\s,.\u00a0\u202f]/g, ""), new RegExp(`^${expected.total}of${expected.total}$`), `wall-count "${count}"`);
  assert.ok(r.painted <= MAX_RENDER_MS, `render ${r.painted.toFixed(0)} ms ≤ ${MAX_RENDER_MS} ms`);
});

step("(b) filter by assessment 1: click → chips dimmed", async (t) => {
  const ones = expected.byAssessment[1];
  await s.execute(
    `const want = arguments[0];
     delete window.__wallFilter;
     const btn = document.querySelector('[data-testid="wall-assess-1"]');
     btn.addEventListener('click', () => {
       const t0 = performance.now();
       const tick = () => {
         const lit = document.querySelectorAll('[data-testid="wall-chip"]:not(.dim)').length;
         if (lit === want) {
           const dom = performance.now() - t0;
           requestAnimationFrame(() => { window.__wallFilter = { dom, painted: performance.now() - t0, lit }; });
         } else if (performance.now() - t0 > 30000) {
           window.__wallFilter = { error: lit + ' chips not dimmed (want ' + want + ') after 30 s' };
         } else requestAnimationFrame(tick);
       };
       requestAnimationFrame(tick);
     }, { capture: true, once: true });
     return true;`,
    [ones],
  );
  await click("wall-assess-1");
  const r = await pageResult("__wallFilter", 35_000);
  figures.filter = r;
  report(t, `filter "assessment 1" (${r.lit} of ${expected.total} chips lit): DOM updated ${r.dom.toFixed(0)} ms after the click, next frame ${r.painted.toFixed(0)} ms`);
  const btn = await s.find(byTestId("wall-assess-1"));
  assert.equal(await btn.attribute("aria-pressed"), "true", "wall-assess-1 is pressed");
  assert.ok(r.painted <= MAX_FILTER_MS, `filter ${r.painted.toFixed(0)} ms ≤ ${MAX_FILTER_MS} ms`);
});

step("(c) scroll the chart 2,000 px: frame times", async (t) => {
  await s.execute(
    `delete window.__wallScroll;
     const grid = document.querySelector('[data-testid="wall-grid"]');
     // The chart's scroll container: the grid itself or its nearest scrollable ancestor.
     let sc = grid;
     while (sc && !(sc.scrollHeight > sc.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(sc).overflowY))) sc = sc.parentElement;
     if (!sc) { window.__wallScroll = { error: 'no scrollable container around the wall grid' }; return false; }
     sc.scrollTop = 0;
     const room = sc.scrollHeight - sc.clientHeight;
     const dist = Math.min(2000, room);
     const DUR = 1000;
     const frames = [];
     requestAnimationFrame((start) => {
       let last = start;
       const tick = (now) => {
         frames.push(now - last);
         last = now;
         const p = Math.min(1, (now - start) / DUR);
         sc.scrollTop = Math.round(dist * p);
         if (p < 1) requestAnimationFrame(tick);
         else requestAnimationFrame((end) => {
           frames.push(end - last);
           const max = Math.max(...frames);
           const mean = frames.reduce((a, b) => a + b, 0) / frames.length;
           window.__wallScroll = { max, mean, frames: frames.length, dist, room, scrollTop: sc.scrollTop,
             container: sc === grid ? 'wall-grid' : (sc.getAttribute('data-testid') || sc.tagName.toLowerCase() + '.' + sc.className) };
         });
       };
       sc.scrollTop = 0;
       requestAnimationFrame(tick);
     });
     return true;`,
  );
  const r = await pageResult("__wallScroll", 30_000);
  figures.scroll = r;
  report(t, `scroll ${r.dist} px of ${r.room} px (container ${r.container}) in ${r.frames} frames: longest frame ${r.max.toFixed(1)} ms, mean ${r.mean.toFixed(1)} ms`);
  assert.ok(r.dist >= 1000, `the chart scrolls at least 1,000 px (room ${r.room} px)`);
  assert.ok(r.scrollTop >= r.dist - 2, `scrolled to ${r.scrollTop} (wanted ${r.dist})`);
  assert.ok(r.max <= MAX_SCROLL_FRAME_MS, `longest scroll frame ${r.max.toFixed(1)} ms ≤ ${MAX_SCROLL_FRAME_MS} ms`);
  assert.ok(r.mean <= MAX_SCROLL_MEAN_MS, `mean scroll frame ${r.mean.toFixed(1)} ms ≤ ${MAX_SCROLL_MEAN_MS} ms`);
});

step("screenshot of the wall chart", async (t) => {
  await click("wall-assess-1"); // clear the filter again
  await s.execute(
    `const grid = document.querySelector('[data-testid="wall-grid"]');
     let sc = grid; while (sc && !(sc.scrollHeight > sc.clientHeight + 1)) sc = sc.parentElement;
     if (sc) sc.scrollTop = 0; return true;`,
  );
  // Under Xvfb (software rendering) a big repaint reaches the window a moment after the DOM.
  await sleep(1_500);
  mkdirSync(ARTIFACTS, { recursive: true });
  const png = await s.screenshot(60_000);
  assert.equal(png.subarray(1, 4).toString("latin1"), "PNG", "screenshot is a PNG");
  const file = path.join(ARTIFACTS, `wallchart-${WORKERS}.png`);
  writeFileSync(file, png);
  report(t, `screenshot: ${file} (${png.length} bytes); figures ${JSON.stringify(figures)}`);
});
