// The INSTALLED app starts and shows its start screen. Run by tests/package/check.sh, which
// installs the .deb, then runs this through tests/e2e/run.sh (Xvfb + tauri-driver, throw-away HOME)
// with FIELDBOOK_APP pointing at the installed binary (/usr/bin/fieldbook-app).
//
//   FIELDBOOK_APP=/usr/bin/fieldbook-app tests/e2e/run.sh node --test tests/package/

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { byTestId } from "../e2e/webdriver.mjs";
import { openApp, closeApp } from "../e2e/scenario.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const APP = process.env.FIELDBOOK_APP ?? "/usr/bin/fieldbook-app";
const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const ARTIFACTS = path.resolve(process.env.E2E_ARTIFACTS ?? path.join(REPO, "target", "e2e-artifacts"));

/** @type {import("../e2e/webdriver.mjs").Session | undefined} */
let s;

before(async () => {
  assert.ok(existsSync(APP), `installed app not found: ${APP}`);
  assert.ok(
    !path.resolve(APP).startsWith(REPO + path.sep),
    `FIELDBOOK_APP must be the installed binary, not a build in the checkout: ${APP}`,
  );
  s = await openApp(DRIVER, APP);
  console.log(`# webdriver session ${s.id}; app ${APP}`);
});

after(() => closeApp(s));

test("the installed app shows the start screen", { timeout: 90_000 }, async () => {
  assert.ok(s);
  const start = await s.waitFor(byTestId("start-screen"), { timeout: 60_000 });
  assert.ok(await start.displayed(), "start-screen is displayed");
  for (const id of ["btn-new-vault", "btn-open-vault"]) {
    const el = await s.waitFor(byTestId(id));
    assert.ok(await el.displayed(), `${id} is displayed`);
    assert.ok(await el.enabled(), `${id} is enabled`);
  }
  // The packaged build serves the UI embedded in the binary (custom protocol), not a dev server.
  const href = await s.execute("return location.href;", []);
  assert.match(String(href), /^(tauri:\/\/localhost|http:\/\/tauri\.localhost)(\/|$)/, `page URL ${href}`);
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path.join(ARTIFACTS, "installed-start-screen.png"), await s.screenshot());
});
