// Shared by tests/e2e/map.test.mjs and scripts/bench-map-render.sh: a large demo vault made with
// the CLI, unlocking it from the start screen's recent list, opening the map with a click and
// measuring the time to its first painted frame (with the view's own stage marks), and panning
// it with real pointer input while an in-page loop records every animation frame.
//
// Everything here runs inside tests/e2e/run.sh's environment (private Xvfb, tauri-driver, a
// throw-away HOME/XDG_CONFIG_HOME, so the vault made here is the only recent one).

import { execFileSync } from "node:child_process";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { byTestId } from "./webdriver.mjs";
import { clickWhenEnabled, fillField } from "./scenario.mjs";

/**
 * `fieldbook demo DIR/NAME --workers N` (work factor 18: the default's 1 GiB of scrypt would
 * make every run slow for nothing), then `fieldbook map --json` for the expected figures.
 * @returns {{ vault: string, ms: number, out: string, map: any }}
 */
export function makeDemoVault(bin, dir, { name = "Map", workers = 5000, passphrase }) {
  const t0 = Date.now();
  const out = execFileSync(bin, ["demo", path.join(dir, name), "--workers", String(workers), "--passphrase-stdin", "--work-factor", "18"], {
    input: passphrase + "\n",
    env: process.env,
    encoding: "utf8",
  });
  const ms = Date.now() - t0;
  const vault = path.join(dir, `${name}.fieldbook`);
  const map = JSON.parse(
    execFileSync(bin, ["map", vault, "--passphrase-stdin", "--json"], { input: passphrase + "\n", env: process.env, encoding: "utf8", maxBuffer: 256 << 20 }),
  );
  return { vault, ms, out: out.trim(), map };
}

/** From the start screen: the recent entry of `vault`, its passphrase, then the app shell. */
export async function unlockRecent(s, vault, passphrase, { timeout = 15_000, kdf = 60_000 } = {}) {
  await s.waitFor(byTestId("start-screen"), { timeout: 30_000 });
  const item = await s.waitUntil(
    async () => {
      for (const el of await s.findAll(byTestId("recent-item"))) {
        if (String(await el.property("textContent")).includes(vault) && (await el.displayed())) return el;
      }
      return null;
    },
    { timeout, message: `a recent-item with the path ${vault}` },
  );
  await (await item.find("button.open")).click();
  await fillField(s, "unlock-pass", passphrase);
  await clickWhenEnabled(s, "unlock-submit", timeout);
  await s.waitFor(byTestId("app-shell"), { timeout: kdf });
  await s.waitFor(byTestId("nav-map"));
}

/** Poll a window property set by an in-page measurement; `{ error }` fails. */
export async function pageResult(s, name, timeout) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await s.execute(`return window[${JSON.stringify(name)}] ?? null;`);
    if (v && v.error) throw new Error(`in-page measurement ${name} failed: ${v.error}`);
    if (v) return v;
    if (Date.now() >= end) throw new Error(`timed out after ${timeout} ms waiting for ${name}`);
    await sleep(100);
  }
}

/**
 * Click nav-map and measure, from a performance.now() stamp taken in the click's capture phase,
 * the frame after the canvas reports its first render (`painted`), the moment that report was
 * seen (`dom`), when the view asked for the analysis (`request`), the view's own stamp from that
 * request (`own`, data-render-ms) and its stages (`stages`, data-stages: ms from the request),
 * and the counts it drew.
 */
export async function openMapMeasured(s, { timeout = 65_000 } = {}) {
  await s.execute(
    `delete window.__mapOpen;
     const nav = document.querySelector('[data-testid="nav-map"]');
     nav.addEventListener('click', () => {
       const t0 = performance.now();
       const tick = () => {
         const el = document.querySelector('[data-testid="map-canvas"][data-render-ms]');
         if (el) {
           const dom = performance.now() - t0;
           requestAnimationFrame(() => { window.__mapOpen = { dom, painted: performance.now() - t0,
             own: Number(el.dataset.renderMs), stages: JSON.parse(el.dataset.stages || "{}"),
             request: Number(el.dataset.started) - t0,
             nodes: Number(el.dataset.nodes), edges: Number(el.dataset.edges),
             drawn: Number(el.dataset.edgesDrawn ?? el.dataset.edges) }; });
         } else if (performance.now() - t0 > ${timeout - 5000}) {
           window.__mapOpen = { error: 'no rendered map after ${(timeout - 5000) / 1000} s' };
         } else requestAnimationFrame(tick);
       };
       requestAnimationFrame(tick);
     }, { capture: true, once: true });
     return true;`,
  );
  await clickWhenEnabled(s, "nav-map");
  return pageResult(s, "__mapOpen", timeout);
}

/** Leave the map for another section (it unmounts: the next click on nav-map opens it afresh). */
export async function leaveMap(s, section = "nav-today") {
  await clickWhenEnabled(s, section);
  await s.waitUntil(async () => (await s.findAll(byTestId("section-map"))).length === 0, { timeout: 15_000, message: "the map to close" });
}

/**
 * Drag the map's background with real pointer input (30 moves of 50 ms: ~1.5 s) while an in-page
 * loop records every animation frame for 2.2 s: `{ frames, max, mean, p95 }` in ms.
 */
export async function panMeasured(s, { steps = 30, dx = -8, dy = -5 } = {}) {
  const rect = await s.execute(
    `const r = document.querySelector('[data-testid="map-canvas"]').getBoundingClientRect();
     return { x: r.left, y: r.top, w: r.width, h: r.height };`,
  );
  if (!(rect.w > 300 && rect.h > 300)) throw new Error(`the map is too small to pan (${rect.w}×${rect.h})`);
  await s.execute(
    `delete window.__mapPan;
     const frames = [];
     let last = null, stop = false;
     const tick = (now) => { if (last !== null) frames.push(now - last); last = now; if (!stop) requestAnimationFrame(tick); };
     requestAnimationFrame(tick);
     setTimeout(() => { stop = true;
       const sorted = [...frames].sort((a, b) => a - b);
       const max = sorted[sorted.length - 1] ?? 0, mean = frames.reduce((a, b) => a + b, 0) / Math.max(1, frames.length);
       const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
       window.__mapPan = { max, mean, p95, frames: frames.length }; }, 2200);
     return true;`,
  );
  // From the middle of the view (a drag that starts on a worker moves that worker; either way
  // the renderer redraws every frame, which is what is measured).
  const x0 = Math.round(rect.x + rect.w * 0.5), y0 = Math.round(rect.y + rect.h * 0.5);
  await s.performActions([
    {
      type: "pointer",
      id: "mouse",
      parameters: { pointerType: "mouse" },
      actions: [
        { type: "pointerMove", duration: 0, origin: "viewport", x: x0, y: y0 },
        { type: "pointerDown", button: 0 },
        ...Array.from({ length: steps }, (_, i) => ({ type: "pointerMove", duration: 50, origin: "viewport", x: x0 + (i + 1) * dx, y: y0 + (i + 1) * dy })),
        { type: "pointerUp", button: 0 },
      ],
    },
  ]);
  await s.releaseActions();
  return pageResult(s, "__mapPan", 10_000);
}

/** The load average of the machine now (1, 5, 15 min), for the figures' context. */
export async function loadAverage() {
  const { readFileSync } = await import("node:fs");
  try {
    return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).map(Number);
  } catch {
    return null;
  }
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
