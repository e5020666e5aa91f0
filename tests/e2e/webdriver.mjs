// A tiny W3C WebDriver client (Node 20 built-ins only: fetch, timers, Buffer).
// Enough for Fieldbook's end-to-end test against tauri-driver (→ WebKitWebDriver).

import { setTimeout as sleep } from "node:timers/promises";

export const ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";

/** Keys from the WebDriver spec's "normalised key value" table. */
export const Keys = Object.freeze({
  BACKSPACE: "\uE003",
  TAB: "\uE004",
  ENTER: "\uE007",
  SHIFT: "\uE008",
  CONTROL: "\uE009",
  ALT: "\uE00A",
  ESCAPE: "\uE00C",
  DELETE: "\uE017",
  META: "\uE03D",
});

export class WebDriverError extends Error {
  constructor(status, error, message, method, path) {
    super(`${method} ${path} → HTTP ${status} ${error}: ${message}`);
    this.status = status;
    this.error = error; // W3C error code, e.g. "no such element"
  }
}

/** `[data-testid="id"]` */
export const byTestId = (id) => `[data-testid="${id}"]`;

async function request(base, method, path, body, timeoutMs = 60_000) {
  const init = {
    method,
    headers: { "content-type": "application/json; charset=utf-8" },
    signal: AbortSignal.timeout(timeoutMs),
  };
  if (body !== undefined) init.body = JSON.stringify(body);
  else if (method === "POST") init.body = "{}";
  const res = await fetch(base + path, init);
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new WebDriverError(res.status, "invalid json", text.slice(0, 300), method, path);
  }
  const value = json.value;
  if (!res.ok || (value && typeof value === "object" && "error" in value && value.error)) {
    throw new WebDriverError(res.status, value?.error ?? "unknown error", value?.message ?? text.slice(0, 300), method, path);
  }
  return value;
}

/** Wait until the WebDriver server answers GET /status (any HTTP answer counts). */
export async function waitForServer(base, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      await fetch(base + "/status", { signal: AbortSignal.timeout(2_000) });
      return;
    } catch (e) {
      last = e;
      await sleep(200);
    }
  }
  throw new Error(`WebDriver server at ${base} did not answer within ${timeoutMs} ms: ${last}`);
}

export class Element {
  constructor(session, id, selector) {
    this.session = session;
    this.id = id;
    this.selector = selector;
  }
  #p(suffix = "") {
    return `/element/${this.id}${suffix}`;
  }
  click() {
    return this.session.cmd("POST", this.#p("/click"));
  }
  clear() {
    return this.session.cmd("POST", this.#p("/clear"));
  }
  sendKeys(text) {
    return this.session.cmd("POST", this.#p("/value"), { text });
  }
  text() {
    return this.session.cmd("GET", this.#p("/text"));
  }
  attribute(name) {
    return this.session.cmd("GET", this.#p(`/attribute/${encodeURIComponent(name)}`));
  }
  property(name) {
    return this.session.cmd("GET", this.#p(`/property/${encodeURIComponent(name)}`));
  }
  enabled() {
    return this.session.cmd("GET", this.#p("/enabled"));
  }
  /** Visible on screen? Uses the (non-W3C but widely supported) displayed endpoint, with a script fallback. */
  async displayed() {
    try {
      return await this.session.cmd("GET", this.#p("/displayed"));
    } catch (e) {
      if (e instanceof WebDriverError && e.error === "stale element reference") return false;
      return this.session.execute(
        "const el = arguments[0]; const s = getComputedStyle(el);" +
          "return el.getClientRects().length > 0 && s.visibility !== 'hidden' && s.display !== 'none';",
        [this.ref()],
      );
    }
  }
  find(css) {
    return this.session.find(css, this);
  }
  findAll(css) {
    return this.session.findAll(css, this);
  }
  /** JSON form to pass an element as a script argument. */
  ref() {
    return { [ELEMENT_KEY]: this.id };
  }
}

export class Session {
  constructor(base, id, capabilities) {
    this.base = base;
    this.id = id;
    this.capabilities = capabilities;
  }

  /** POST /session. `capabilities` is the W3C `{alwaysMatch, firstMatch}` object. */
  static async create(base, capabilities, timeoutMs = 90_000) {
    const value = await request(base, "POST", "/session", { capabilities }, timeoutMs);
    return new Session(base, value.sessionId, value.capabilities);
  }

  cmd(method, path, body, timeoutMs) {
    return request(this.base, method, `/session/${this.id}${path}`, body, timeoutMs);
  }

  async quit() {
    await request(this.base, "DELETE", `/session/${this.id}`, undefined, 15_000);
  }

  title() {
    return this.cmd("GET", "/title");
  }
  source(timeoutMs = 15_000) {
    return this.cmd("GET", "/source", undefined, timeoutMs);
  }
  url() {
    return this.cmd("GET", "/url");
  }

  async find(css, from) {
    const scope = from ? `/element/${from.id}` : "";
    const v = await this.cmd("POST", `${scope}/element`, { using: "css selector", value: css });
    return new Element(this, v[ELEMENT_KEY], css);
  }

  async findAll(css, from) {
    const scope = from ? `/element/${from.id}` : "";
    const vs = await this.cmd("POST", `${scope}/elements`, { using: "css selector", value: css });
    return vs.map((v) => new Element(this, v[ELEMENT_KEY], css));
  }

  async activeElement() {
    const v = await this.cmd("GET", "/element/active");
    return new Element(this, v[ELEMENT_KEY], ":focus");
  }

  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  /** PNG screenshot of the viewport, as a Buffer. */
  async screenshot(timeoutMs = 30_000) {
    return Buffer.from(await this.cmd("GET", "/screenshot", undefined, timeoutMs), "base64");
  }

  /** Perform a W3C action chain (https://www.w3.org/TR/webdriver2/#actions). */
  async performActions(actions) {
    await this.cmd("POST", "/actions", { actions });
  }
  async releaseActions() {
    await this.cmd("DELETE", "/actions");
  }

  /** Press a chord such as (Keys.CONTROL, "l") with real key events. */
  async pressChord(...keys) {
    const down = keys.map((value) => ({ type: "keyDown", value }));
    const up = [...keys].reverse().map((value) => ({ type: "keyUp", value }));
    await this.performActions([{ type: "key", id: "keyboard", actions: [...down, ...up] }]);
  }

  /**
   * Poll until `fn()` returns a truthy value (returned) or the timeout passes.
   * Errors thrown by `fn` count as "not yet" (the last one is reported on timeout).
   */
  async waitUntil(fn, { timeout = 15_000, interval = 150, message = "condition" } = {}) {
    const end = Date.now() + timeout;
    let lastErr;
    for (;;) {
      try {
        const v = await fn();
        if (v) return v;
        lastErr = undefined;
      } catch (e) {
        lastErr = e;
      }
      if (Date.now() >= end) {
        const why = lastErr ? ` (last error: ${lastErr.message})` : "";
        throw new Error(`timed out after ${timeout} ms waiting for ${message}${why}`);
      }
      await sleep(interval);
    }
  }

  /** Wait for an element matching `css` to exist (and, by default, be displayed). */
  waitFor(css, { timeout = 15_000, visible = true } = {}) {
    return this.waitUntil(
      async () => {
        const el = await this.find(css);
        if (visible && !(await el.displayed())) return null;
        return el;
      },
      { timeout, message: `${visible ? "visible " : ""}element ${css}` },
    );
  }

  /** Wait until no displayed element matches `css`. */
  waitForGone(css, { timeout = 15_000 } = {}) {
    return this.waitUntil(
      async () => {
        for (const el of await this.findAll(css)) {
          if (await el.displayed()) return false;
        }
        return true;
      },
      { timeout, message: `element ${css} to disappear` },
    );
  }
}
