// End-to-end test of the dashboard and the plan in the real window, checked against the CLI on
// the same vault. Its own WebDriver session and vault:
//
//   1. before the session, `fieldbook demo <tmp>/Dash --workers 400` (the CLI, built from this
//      checkout with `cargo build --bin fieldbook` unless FIELDBOOK_CLI is set) creates the vault
//      and adds it to the recent list of the app under test (same XDG_CONFIG_HOME, set by run.sh);
//      `fieldbook dashboard --json` picks a department with coworkers assessed 1, and
//      `fieldbook workers --department D --assessment 1 --json` says exactly who they are;
//      `fieldbook plan --json` gives the goals' numbers;
//   2. unlock it through the start screen's recent list;
//   3. open Plan → Dashboard; the headline card count is the CLI's;
//   4. click the assessment-1 segment of department D's bar: the worker list opens filtered to
//      exactly the CLI's workers (every row of the virtual list collected by scrolling it);
//   5. back to the dashboard, then the Plan tab: every goal shows the CLI's counted / needed /
//      unit and "N more needed" (and the first goal's departments, expanded).
//   Figures (time to the dashboard, time from the click to the list) are printed.
//
// Run through tests/e2e/run.sh (see vault.test.mjs for the environment):
//   tests/e2e/run.sh node --test tests/e2e/dashboard.test.mjs
//
// Extra environment:
//   FIELDBOOK_CLI        the CLI binary (default: build <repo>/target/debug/fieldbook with cargo)

import { before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { byTestId } from "./webdriver.mjs";
import { scenario, openApp, closeApp, fillField, clickWhenEnabled, buildCli } from "./scenario.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "..", "..");
const TARGET = path.resolve(process.env.CARGO_TARGET_DIR ?? path.join(REPO, "target"));
const APP = path.resolve(process.env.FIELDBOOK_APP ?? path.join(TARGET, "debug", "fieldbook-app"));
const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const ARTIFACTS = path.resolve(process.env.E2E_ARTIFACTS ?? path.join(REPO, "target", "e2e-artifacts"));
const SCRATCH = process.env.FIELDBOOK_E2E_TMP
  ? mkdtempSync(path.join(process.env.FIELDBOOK_E2E_TMP, "dashboard-"))
  : mkdtempSync(path.join(tmpdir(), "fieldbook-e2e-dashboard-"));

const WORKERS = 400;
const PASSPHRASE = "marigold canyon tinsel 73 harbor";
const VAULT_DIR = path.join(SCRATCH, "Dash.fieldbook");
const SHORT = 15_000;
const KDF = 60_000;

/** @type {import("./webdriver.mjs").Session} */
let s;
let bin;
/** The CLI's answers. */
let cli;
const figures = {};

const step = scenario({ prefix: "dashboard-", artifacts: ARTIFACTS, session: () => s });

function report(t, text) {
  t.diagnostic(text);
  console.log(`# ${text}`);
}

function fieldbook(args) {
  return execFileSync(bin, args, { input: PASSPHRASE + "\n", env: process.env, encoding: "utf8", maxBuffer: 64 << 20 });
}

const json = (args) => JSON.parse(fieldbook([...args, "--passphrase-stdin", "--json"]));

const click = (testId, timeout = SHORT) => clickWhenEnabled(s, testId, timeout);

/** Every row of the (virtualized) worker list: scroll it from top to bottom, collecting ids. */
async function listedIds() {
  const ids = new Set();
  await s.execute(`const g = document.querySelector('[data-testid="workers-grid"]'); g.scrollTop = 0; return true;`);
  for (let i = 0; i < 200; i++) {
    await sleep(120);
    const page = await s.execute(
      `const g = document.querySelector('[data-testid="workers-grid"]');
       const ids = [...g.querySelectorAll('[data-testid="worker-row"]')].map((r) => Number(r.getAttribute('data-id')));
       const atEnd = g.scrollTop + g.clientHeight >= g.scrollHeight - 2;
       g.scrollTop = g.scrollTop + Math.max(40, g.clientHeight - 80);
       return { ids, atEnd };`,
    );
    for (const id of page.ids) ids.add(id);
    if (page.atEnd) break;
  }
  return [...ids].sort((a, b) => a - b);
}

before(async () => {
  assert.ok(existsSync(APP), `app binary not found: ${APP}`);
  assert.ok(process.env.XDG_CONFIG_HOME, "XDG_CONFIG_HOME is set (run through tests/e2e/run.sh, so the demo vault lands in the test app's recent list)");
  bin = buildCli(REPO, TARGET);
  assert.ok(existsSync(bin), `CLI binary not found: ${bin}`);
  const t0 = Date.now();
  const out = fieldbook(["demo", path.join(SCRATCH, "Dash"), "--workers", String(WORKERS), "--passphrase-stdin", "--work-factor", "18"]);
  console.log(`# ${out.trim().split("\n").join("\n# ")} (${Date.now() - t0} ms)`);
  assert.ok(existsSync(path.join(VAULT_DIR, "vault.db")), `${VAULT_DIR}/vault.db exists`);

  const dash = json(["dashboard", VAULT_DIR]);
  const dept = dash.supportByDepartment.find((d) => d.byValue[1].count > 0);
  assert.ok(dept, "a department with coworkers assessed 1");
  const list = json(["workers", VAULT_DIR, "--department", dept.name, "--assessment", "1"]);
  const expected = list.rows.map((r) => r.id).sort((a, b) => a - b);
  assert.equal(expected.length, dept.byValue[1].count, "workers --department --assessment 1 = the dashboard's segment");
  assert.deepEqual(expected, [...dept.byValue[1].workerIds].sort((a, b) => a - b), "the same workers");
  const plan = json(["plan", VAULT_DIR]);
  cli = { dash, dept: dept.name, expected, plan };
  console.log(`# department ${dept.name}: ${expected.length} assessed 1 (${expected.join(", ")}); cards ${dash.headline.cards.signed.count} of ${dash.headline.unit.count}`);

  s = await openApp(DRIVER, APP);
  console.log(`# webdriver session ${s.id}; vault ${VAULT_DIR}`);
});

after(() => closeApp(s));

step("unlock the demo vault from the recent list", async () => {
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
  await fillField(s, "unlock-pass", PASSPHRASE);
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
  // Today shows the plan's headline: the same card count as the CLI.
  const cards = await s.waitFor(byTestId("cards-signed"), { timeout: SHORT });
  assert.equal(Number((await cards.text()).replace(/\D/g, "")), cli.dash.headline.cards.signed.count, "Today: cards signed");
});

step("open the dashboard", async (t) => {
  const t0 = Date.now();
  await click("nav-plan");
  await click("plan-tab-dashboard");
  const sel = `${byTestId("support-departments")} [data-testid="support-seg"][data-scope="${cli.dept}"][data-level="1"]`;
  // Not `displayed()`: WebKit's heuristic rejects a narrow segment whose count is not printed (only
  // its screen-reader label); the rect says it is on screen.
  await s.waitFor(sel, { timeout: SHORT, visible: false });
  figures.dashboardMs = Date.now() - t0;
  report(t, `dashboard with support bars: ${figures.dashboardMs} ms after the click (WebDriver round trips included)`);
  const seg = await s.find(sel);
  assert.equal(Number(await seg.attribute("data-count")), cli.expected.length, `segment ${cli.dept} · 1 counts the CLI's workers`);
  const rect = await s.execute(`const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];`, [seg.ref()]);
  assert.ok(rect[0] >= 4 && rect[1] >= 10, `the segment is on screen (${rect.join(" × ")} px)`);
  const big = await s.find(`${byTestId("dashboard")} ${byTestId("cards-signed")}`);
  assert.equal(Number((await big.text()).replace(/\D/g, "")), cli.dash.headline.cards.signed.count, "dashboard: cards signed");
  // Every department of the CLI has its row, with its total.
  const rows = await s.execute(
    `return [...document.querySelectorAll('[data-testid="support-departments"] [data-testid="support-row"]')].map((r) => r.getAttribute('data-scope'));`,
  );
  assert.deepEqual(rows, cli.dash.supportByDepartment.map((d) => d.name), "one row per department, largest first");
  // The weekly chart (a chunk loaded on demand) draws on a canvas.
  const chart = await s.waitUntil(
    async () => {
      const c = await s.execute(
        `const el = document.querySelector('[data-testid="series-chart"]');
         return el ? { state: el.getAttribute('data-state'), canvas: !!el.querySelector('canvas'), legend: el.querySelectorAll('.u-legend .u-series').length } : null;`,
      );
      return c && c.state !== "loading" ? c : null;
    },
    { timeout: SHORT, message: "the weekly chart" },
  );
  assert.equal(chart.state, "ready", `weekly chart state: ${chart.state}`);
  assert.ok(chart.canvas, "the chart has its canvas");
  await sleep(600);
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path.join(ARTIFACTS, "dashboard.png"), await s.screenshot(60_000));
});

step("click the assessment-1 segment: the worker list shows exactly those workers", async (t) => {
  const sel = `${byTestId("support-departments")} [data-testid="support-seg"][data-scope="${cli.dept}"][data-level="1"]`;
  const t0 = Date.now();
  await (await s.find(sel)).click();
  await s.waitFor(byTestId("section-workers"), { timeout: SHORT });
  await s.waitUntil(
    async () => {
      const n = await s.execute(`return document.querySelectorAll('[data-testid="worker-row"]').length;`);
      return n > 0 ? n : null;
    },
    { timeout: SHORT, message: "worker rows" },
  );
  figures.clickToListMs = Date.now() - t0;
  const label = await (await s.find(byTestId("workers-link-label"))).text();
  assert.match(label, new RegExp(`${cli.dept}`), `banner names the department: "${label}"`);
  const ids = await listedIds();
  report(t, `click → worker list: ${figures.clickToListMs} ms; ${ids.length} rows listed, CLI says ${cli.expected.length}`);
  assert.deepEqual(ids, cli.expected, "exactly the workers of `fieldbook workers --department D --assessment 1`");
  const count = await (await s.find(byTestId("workers-count"))).text();
  assert.match(count.replace(/[\s,.\u00a0\u202f]/g, ""), new RegExp(`^${cli.expected.length}coworkers`), `workers-count "${count}"`);
  assert.equal(await (await s.find(byTestId("filter-department"))).property("value"), cli.dept, "the department filter is set");
  assert.equal(await (await s.find(byTestId("filter-assess-1"))).attribute("aria-pressed"), "true", "assessment 1 is pressed");
  writeFileSync(path.join(ARTIFACTS, "dashboard-click-through.png"), await s.screenshot(60_000));
});

step("back to the dashboard, then the plan's goals show the CLI's numbers", async (t) => {
  await click("workers-link-back");
  await s.waitFor(byTestId("dashboard"), { timeout: SHORT });
  await click("plan-tab-plan");
  await s.waitFor(byTestId("plan-goals"), { timeout: SHORT });
  const shown = await s.execute(
    `return [...document.querySelectorAll('[data-testid="plan-goal"]')].map((g) => ({
       kind: g.getAttribute('data-kind'),
       counted: Number(g.querySelector('[data-testid="plan-goal-counted"]').getAttribute('data-count')),
       text: g.textContent.replace(/\\s+/g, ' '),
     }));`,
  );
  assert.deepEqual(shown.map((g) => g.kind), cli.plan.goals.map((g) => g.kind), "the goals in the CLI's order");
  const digits = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "[,.\\u00a0\\u202f]?");
  for (const goal of cli.plan.goals) {
    const g = shown.find((x) => x.kind === goal.kind);
    const u = goal.unit;
    assert.equal(g.counted, u.counted.count, `${goal.kind}: counted`);
    assert.match(g.text, new RegExp(`of ${digits(u.needed)} needed · unit ${digits(u.total)}`), `${goal.kind}: needed and unit in "${g.text}"`);
    if (u.met) assert.match(g.text, /Met/, `${goal.kind}: met`);
    else assert.match(g.text, new RegExp(`${digits(u.moreNeeded)} more needed`), `${goal.kind}: more needed`);
  }
  report(t, `goals: ${cli.plan.goals.map((g) => `${g.kind} ${g.unit.counted.count}/${g.unit.needed}`).join("; ")}`);

  // The first goal, by department: the CLI's per-department numbers.
  const first = cli.plan.goals[0];
  await (await s.find(`[data-testid="plan-goal"][data-kind="${first.kind}"] [data-testid="plan-goal-expand"]`)).click();
  await sleep(300);
  const scopes = await s.execute(
    `const g = document.querySelector('[data-testid="plan-goal"][data-kind="${first.kind}"]');
     return [...g.querySelectorAll('.scope')].map((r) => r.textContent.replace(/\\s+/g, ' ').trim());`,
  );
  for (const d of first.departments) {
    assert.ok(
      scopes.some((line) => line.startsWith(d.name || "(none)") && line.includes(`${d.counted.count} / ${d.needed}`)),
      `${first.kind} · ${d.name}: ${d.counted.count} / ${d.needed} in ${JSON.stringify(scopes)}`,
    );
  }
  // The milestones, actions and tasks the CLI lists are on the page.
  const counts = await s.execute(
    `return { ms: document.querySelectorAll('[data-testid="plan-milestone"]').length, ac: document.querySelectorAll('[data-testid="plan-action"]').length,
              sug: document.querySelectorAll('[data-testid="suggestion"]').length };`,
  );
  assert.equal(counts.ms, cli.plan.milestones.length, "milestones");
  assert.equal(counts.ac, cli.plan.actions.length, "actions");
  assert.equal(counts.sug, cli.plan.suggestions.length, "suggestions");
  writeFileSync(path.join(ARTIFACTS, "plan.png"), await s.screenshot(60_000));
  report(t, `figures ${JSON.stringify(figures)}; screenshots in ${ARTIFACTS}: dashboard.png, dashboard-click-through.png, plan.png`);
});
