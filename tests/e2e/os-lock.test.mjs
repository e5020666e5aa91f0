// Lock on sleep and screen lock (issue 8), in the real Fieldbook window with real D-Bus daemons.
//
// The test starts two private `dbus-daemon`s: one the app uses as its session bus
// (DBUS_SESSION_BUS_ADDRESS), one as its system bus (DBUS_SYSTEM_BUS_ADDRESS, which gio honours).
// The app is started through a small wrapper script that sets those two variables (tauri-driver
// passes no environment of its own). Peers on those buses play the parts of the OS: a stand-in for
// logind (owns `org.freedesktop.login1`, answers GetSession / GetSessionByPID with a session path,
// hands out a sleep inhibitor as a pipe and reports when the app closes it) and a screen saver
// (owns `org.freedesktop.ScreenSaver` and `org.gnome.ScreenSaver`). They are Python + PyGObject
// (python3-gi): owning a name and emitting from it takes one connection, which `gdbus emit` and
// `dbus-send` cannot do; `gdbus emit` is used for what must NOT lock (the same signal from a
// connection that does not own the name).
//
// For each signal source: unlock a vault in the window, check that `vault.lock` is held (flock),
// emit, and check that the window is back on the start screen and the vault is closed (its
// `vault.lock` free again, which happens only when the library's Session closed the database):
//   1. system bus, logind Manager.PrepareForSleep(true): and the app's "delay" inhibitor is released
//      only after the vault is closed (checked by the stand-in at the moment the pipe closes);
//      PrepareForSleep(false) takes a new inhibitor;
//   2. logind Session.Lock on our session (a Lock on another session, and a Lock or PrepareForSleep
//      from a connection that does not own org.freedesktop.login1, do nothing);
//   3. logind PropertiesChanged LockedHint=true on our session (false does nothing);
//   4. session bus, org.freedesktop.ScreenSaver.ActiveChanged(true) (a non-owner's spoof and
//      ActiveChanged(false) do nothing);
//   5. org.gnome.ScreenSaver.ActiveChanged(true);
//   6. with "Lock when the computer sleeps or the screen locks" off: sleep and screen lock leave
//      the vault open, and sleep is not held up (the inhibitor is released at once).
//
// Run through tests/e2e/run.sh (see vault.test.mjs for the environment):
//   tests/e2e/run.sh node --test --test-reporter=spec tests/e2e/os-lock.test.mjs
// Needs dbus-daemon, gdbus (libglib2.0-bin), flock (util-linux) and python3-gi: ./scripts/setup.sh.

import { before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { byTestId } from "./webdriver.mjs";
import { scenario, openApp, closeApp, fillField, clickWhenEnabled } from "./scenario.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const APP = path.resolve(process.env.FIELDBOOK_APP ?? path.join(REPO, "target", "debug", "fieldbook-app"));
const DRIVER = process.env.WEBDRIVER_URL ?? "http://127.0.0.1:4444";
const ARTIFACTS = path.resolve(process.env.E2E_ARTIFACTS ?? path.join(REPO, "target", "e2e-artifacts"));
const E2E_TMP = process.env.FIELDBOOK_E2E_TMP;
const SCRATCH = E2E_TMP ? mkdtempSync(path.join(E2E_TMP, "os-lock-")) : mkdtempSync(path.join(tmpdir(), "fieldbook-e2e-os-lock-"));

const VAULT_NAME = "OS Lock Campaign";
const VAULT_DIR = path.join(SCRATCH, `${VAULT_NAME}.fieldbook`);
const VAULT_LOCK = path.join(VAULT_DIR, "vault.lock");
const PASSPHRASE = "violet tractor molasses 42 harbor";

const SHORT = 15_000;
const KDF = 60_000;
/** How long a signal that must not lock is given to (wrongly) lock: the lock itself takes ms. */
const QUIET_MS = 2_000;

const LOGIN1 = "org.freedesktop.login1";
const MANAGER = "org.freedesktop.login1.Manager";
const SESSION_IFACE = "org.freedesktop.login1.Session";
const OWN_SESSION = "/org/freedesktop/login1/session/_3e2e";
const OTHER_SESSION = "/org/freedesktop/login1/session/_3other";

// A D-Bus peer: owns names, optionally plays logind's Manager, emits on request (JSON lines on
// stdin), reports what happens (JSON lines on stdout).
const PEER_PY = String.raw`
import fcntl, json, os, sys, threading
import gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib

address, names, mode, own_session = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
out_lock = threading.Lock()
def out(**event):
    with out_lock:
        sys.stdout.write(json.dumps(event) + "\n")
        sys.stdout.flush()

flags = Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION
conn = Gio.DBusConnection.new_for_address_sync(address, flags, None, None)
for name in [n for n in names.split(",") if n]:
    reply = conn.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
        "RequestName", GLib.Variant("(su)", (name, 4)), GLib.VariantType("(u)"),
        Gio.DBusCallFlags.NONE, -1, None)
    if reply.unpack()[0] != 1:
        out(event="error", message="could not own " + name)
        sys.exit(1)

state = {"vault_lock": None, "inhibitors": 0}

def vault_state():
    # "open" while the app holds vault.lock (flock), "closed" once it let go.
    path = state["vault_lock"]
    if not path:
        return "unknown"
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return "open"
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return "closed"
    finally:
        os.close(fd)

def watch_release(read_end, n):
    while os.read(read_end, 64):
        pass
    # EOF: every copy of the write end is closed, i.e. the app released the inhibitor.
    out(event="released", n=n, vault=vault_state())
    os.close(read_end)

MANAGER_XML = """<node><interface name="org.freedesktop.login1.Manager">
  <method name="GetSession"><arg type="s" direction="in"/><arg type="o" direction="out"/></method>
  <method name="GetSessionByPID"><arg type="u" direction="in"/><arg type="o" direction="out"/></method>
  <method name="Inhibit"><arg type="s" direction="in"/><arg type="s" direction="in"/>
    <arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="h" direction="out"/></method>
</interface></node>"""

def on_call(connection, sender, path, iface, method, params, invocation):
    args = list(params.unpack())
    out(event="call", method=method, args=args)
    if method in ("GetSession", "GetSessionByPID"):
        invocation.return_value(GLib.Variant("(o)", (own_session,)))
    elif method == "Inhibit":
        read_end, write_end = os.pipe()
        fds = Gio.UnixFDList.new()
        fds.append(write_end)
        os.close(write_end)
        n = state["inhibitors"]
        state["inhibitors"] += 1
        threading.Thread(target=watch_release, args=(read_end, n), daemon=True).start()
        invocation.return_value_with_unix_fd_list(GLib.Variant("(h)", (0,)), fds)
        del fds

if mode == "logind":
    info = Gio.DBusNodeInfo.new_for_xml(MANAGER_XML).interfaces[0]
    conn.register_object("/org/freedesktop/login1", info, on_call, None, None)

def handle(line):
    cmd = json.loads(line)
    if cmd["cmd"] == "vault":
        state["vault_lock"] = cmd["lockfile"]
        out(event="ok", id=cmd["id"])
    elif cmd["cmd"] == "emit":
        args = cmd["args"]
        if cmd["sig"] == "(sa{sv}as)":
            args = [args[0], {k: GLib.Variant("b", v) for k, v in args[1].items()}, args[2]]
        conn.emit_signal(None, cmd["path"], cmd["iface"], cmd["member"], GLib.Variant(cmd["sig"], tuple(args)))
        conn.flush_sync(None)
        out(event="ok", id=cmd["id"])
    return False

loop = GLib.MainLoop()
def read_stdin():
    for line in sys.stdin:
        if line.strip():
            GLib.idle_add(handle, line)
    GLib.idle_add(loop.quit)
threading.Thread(target=read_stdin, daemon=True).start()
out(event="ready")
loop.run()
`;

const BUS_CONF = (type, socket) => `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>${type}</type>
  <listen>unix:path=${socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

let s;
const children = [];
let systemBus;
let sessionBus;
let logind;
let screensaver;
let python;

const step = scenario({ prefix: "os-lock-", artifacts: ARTIFACTS, session: () => s });
const fill = (testId, text) => fillField(s, testId, text);
const click = (testId, timeout = SHORT) => clickWhenEnabled(s, testId, timeout);

function have(cmd, args = ["--version"]) {
  const r = spawnSync(cmd, args, { stdio: "ignore" });
  return r.status === 0;
}

function onPath(tool) {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, tool)));
}

/** A Python 3 that has PyGObject (the system one; a pyenv or venv python usually has not). */
function findPython() {
  for (const candidate of ["/usr/bin/python3", "python3"]) {
    if (have(candidate, ["-c", "import gi; gi.require_version('Gio', '2.0'); from gi.repository import Gio"])) return candidate;
  }
  return null;
}

function track(child, what) {
  children.push(child);
  child.on("error", (e) => console.error(`# ${what}: ${e.message}`));
  return child;
}

async function startBus(name, type) {
  const socket = path.join(SCRATCH, `${name}.sock`);
  const conf = path.join(SCRATCH, `${name}.conf`);
  writeFileSync(conf, BUS_CONF(type, socket));
  const proc = track(
    spawn("dbus-daemon", ["--config-file", conf, "--nofork", "--nopidfile", "--nosyslog"], { stdio: ["ignore", "ignore", "inherit"] }),
    `dbus-daemon (${name})`,
  );
  const end = Date.now() + 10_000;
  while (!existsSync(socket)) {
    if (proc.exitCode !== null) throw new Error(`dbus-daemon (${name}) exited with ${proc.exitCode}`);
    if (Date.now() > end) throw new Error(`dbus-daemon (${name}) did not create ${socket} within 10 s`);
    await sleep(50);
  }
  return { address: `unix:path=${socket}`, proc };
}

/** A peer on `bus` owning `names`; `mode` "logind" also serves logind's Manager methods. */
async function startPeer(bus, names, mode) {
  const script = path.join(SCRATCH, "dbus-peer.py");
  if (!existsSync(script)) writeFileSync(script, PEER_PY);
  const proc = track(
    spawn(python, [script, bus.address, names.join(","), mode, OWN_SESSION], { stdio: ["pipe", "pipe", "inherit"] }),
    `peer ${names.join(",")}`,
  );
  const peer = { proc, events: [], nextId: 0 };
  createInterface({ input: proc.stdout }).on("line", (line) => {
    try {
      peer.events.push(JSON.parse(line));
    } catch {
      console.error(`# peer: ${line}`);
    }
  });
  peer.waitFor = async (pred, message, timeout = SHORT) => {
    const end = Date.now() + timeout;
    for (;;) {
      const found = peer.events.find(pred);
      if (found) return found;
      const err = peer.events.find((e) => e.event === "error");
      if (err) throw new Error(`peer ${names.join(",")}: ${err.message}`);
      if (proc.exitCode !== null) throw new Error(`peer ${names.join(",")} exited with ${proc.exitCode}`);
      if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${message}`);
      await sleep(50);
    }
  };
  peer.send = async (cmd) => {
    const id = peer.nextId++;
    proc.stdin.write(JSON.stringify({ ...cmd, id }) + "\n");
    await peer.waitFor((e) => e.event === "ok" && e.id === id, `the peer to do ${cmd.cmd} #${id}`);
  };
  peer.emit = (objectPath, iface, member, sig = "()", args = []) =>
    peer.send({ cmd: "emit", path: objectPath, iface, member, sig, args });
  await peer.waitFor((e) => e.event === "ready", `peer ${names.join(",")} ready`);
  return peer;
}

/** Is `vault.lock` held by another process (the app, with the vault open)? */
function vaultHeld() {
  const r = spawnSync("flock", ["--nonblock", "--conflict-exit-code", "75", VAULT_LOCK, "true"], { stdio: "ignore" });
  if (r.status === 0) return false;
  if (r.status === 75) return true;
  throw new Error(`flock ${VAULT_LOCK} exited with ${r.status}`);
}

async function expectLocked(what) {
  await s.waitFor(byTestId("start-screen"), { timeout: SHORT });
  await s.waitForGone(byTestId("app-shell"));
  await s.waitUntil(async () => !vaultHeld(), { timeout: SHORT, message: `the vault to be closed after ${what}` });
}

async function expectStillUnlocked(what) {
  await sleep(QUIET_MS);
  assert.equal((await s.findAll(byTestId("app-shell"))).length, 1, `${what}: the app shell is still shown`);
  assert.equal(vaultHeld(), true, `${what}: the vault is still open`);
}

async function noError(id) {
  for (const el of await s.findAll(byTestId(id))) {
    if (await el.displayed()) throw new Error(`${id} (${await el.attribute("data-code")}): ${await el.text()}`);
  }
}

async function unlock() {
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
  await fill("unlock-pass", PASSPHRASE);
  await click("unlock-submit");
  await s.waitUntil(
    async () => {
      await noError("unlock-error");
      return (await s.findAll(byTestId("app-shell"))).length > 0;
    },
    { timeout: KDF, message: "app-shell after unlock" },
  );
  assert.equal(vaultHeld(), true, "after unlocking, the app holds vault.lock");
}

const calls = (method) => logind.events.filter((e) => e.event === "call" && e.method === method);
const releases = () => logind.events.filter((e) => e.event === "released");

before(async () => {
  assert.ok(existsSync(APP), `app binary not found: ${APP}`);
  for (const [tool, pkg] of [["dbus-daemon", "dbus-daemon"], ["gdbus", "libglib2.0-bin"], ["flock", "util-linux"]]) {
    assert.ok(onPath(tool), `${tool} not found — run ./scripts/setup.sh (apt: ${pkg})`);
  }
  python = findPython();
  assert.ok(python, "no python3 with PyGObject — run ./scripts/setup.sh (apt: python3-gi)");

  systemBus = await startBus("system", "system");
  sessionBus = await startBus("session", "session");
  // logind is there before the app, as on a real system (the app asks it for its session at start).
  logind = await startPeer(systemBus, [LOGIN1], "logind");

  // tauri-driver starts the "application" it is given with its own environment: a wrapper adds
  // the two bus addresses.
  const wrapper = path.join(SCRATCH, "fieldbook-app-with-buses.sh");
  const q = (v) => `'${String(v).replaceAll("'", `'\\''`)}'`;
  writeFileSync(
    wrapper,
    `#!/bin/sh\nDBUS_SESSION_BUS_ADDRESS=${q(sessionBus.address)}\nDBUS_SYSTEM_BUS_ADDRESS=${q(systemBus.address)}\n` +
      `export DBUS_SESSION_BUS_ADDRESS DBUS_SYSTEM_BUS_ADDRESS\nexec ${q(APP)} "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  s = await openApp(DRIVER, wrapper);
  console.log(`# webdriver session ${s.id}; vault folder ${VAULT_DIR}; python ${python}`);
});

after(async () => {
  await closeApp(s);
  for (const child of children.reverse()) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  }
});

step("the app asks logind for its session and takes a sleep inhibitor", async () => {
  await s.waitFor(byTestId("start-screen"), { timeout: 30_000 });
  await logind.waitFor((e) => e.event === "call" && e.method === "GetSession", "GetSession from the app");
  assert.deepEqual(calls("GetSession")[0].args, ["auto"]);
  const inhibit = await logind.waitFor((e) => e.event === "call" && e.method === "Inhibit", "Inhibit from the app");
  const [what, who, why, mode] = inhibit.args;
  assert.equal(what, "sleep");
  assert.equal(mode, "delay", "a delay inhibitor: logind waits for us, but only for a bounded time");
  assert.equal(who, "Fieldbook", "who: the window title (Notebook with the neutral title)");
  assert.match(why, /lock/i);
  assert.equal(releases().length, 0, "the inhibitor is held");
});

step("create a vault and open it", async () => {
  await click("btn-new-vault");
  await fill("create-name", VAULT_NAME);
  await fill("create-folder", SCRATCH);
  await fill("create-pass", PASSPHRASE);
  await fill("create-pass2", PASSPHRASE);
  await click("create-submit");
  await s.waitUntil(
    async () => {
      await noError("create-error");
      const els = await s.findAll(byTestId("recovery-key"));
      return els.length > 0 && (await els[0].displayed());
    },
    { timeout: KDF, message: "recovery-key (vault creation)" },
  );
  await click("recovery-saved");
  await click("recovery-continue");
  await s.waitFor(byTestId("app-shell"));
  assert.equal(vaultHeld(), true, "the open vault holds vault.lock");
  await logind.send({ cmd: "vault", lockfile: VAULT_LOCK });
});

step("sleep: logind's PrepareForSleep(true) locks, and the inhibitor is released only after the vault closed", async () => {
  await logind.emit("/org/freedesktop/login1", MANAGER, "PrepareForSleep", "(b)", [true]);
  await expectLocked("PrepareForSleep(true)");
  const released = await logind.waitFor((e) => e.event === "released" && e.n === 0, "the inhibitor to be released");
  assert.equal(released.vault, "closed", "when logind is let go, the vault is already closed and its key wiped");
});

step("waking: PrepareForSleep(false) takes a new inhibitor; the vault stays locked", async () => {
  await logind.emit("/org/freedesktop/login1", MANAGER, "PrepareForSleep", "(b)", [false]);
  await logind.waitFor(() => calls("Inhibit").length === 2, "a second Inhibit after waking");
  assert.equal(releases().length, 1);
  assert.equal(vaultHeld(), false);
  await s.waitFor(byTestId("start-screen"));
});

/** Emit a signal from a connection that owns no name (`gdbus emit`, registered on the bus). */
function spoof(bus, kind, objectPath, signal, ...args) {
  const env = { ...process.env, [kind === "system" ? "DBUS_SYSTEM_BUS_ADDRESS" : "DBUS_SESSION_BUS_ADDRESS"]: bus.address };
  // `--system`/`--session` with the address in the environment: with `--address`, gdbus emits
  // before registering on the bus, which drops the message, and the check would prove nothing.
  const r = spawnSync("gdbus", ["emit", `--${kind}`, "--object-path", objectPath, "--signal", signal, ...args], { encoding: "utf8", env });
  assert.equal(r.status, 0, `gdbus emit ${signal}: ${r.stderr}`);
}

step("logind Session.Lock: another session's does nothing, ours locks; nor does anyone but logind", async () => {
  await unlock();
  await logind.emit(OTHER_SESSION, SESSION_IFACE, "Lock");
  spoof(systemBus, "system", OWN_SESSION, `${SESSION_IFACE}.Lock`);
  spoof(systemBus, "system", "/org/freedesktop/login1", `${MANAGER}.PrepareForSleep`, "true");
  await expectStillUnlocked("Lock on another session; Lock and PrepareForSleep from a non-owner");
  await logind.emit(OWN_SESSION, SESSION_IFACE, "Lock");
  await expectLocked("Session.Lock");
});

step("logind LockedHint turning true on our session locks (false does nothing)", async () => {
  await unlock();
  const props = "org.freedesktop.DBus.Properties";
  await logind.emit(OWN_SESSION, props, "PropertiesChanged", "(sa{sv}as)", [SESSION_IFACE, { LockedHint: false }, []]);
  await logind.emit(OTHER_SESSION, props, "PropertiesChanged", "(sa{sv}as)", [SESSION_IFACE, { LockedHint: true }, []]);
  await expectStillUnlocked("LockedHint=false, or true on another session");
  await logind.emit(OWN_SESSION, props, "PropertiesChanged", "(sa{sv}as)", [SESSION_IFACE, { LockedHint: true }, []]);
  await expectLocked("LockedHint=true");
});

step("session bus: org.freedesktop.ScreenSaver ActiveChanged(true) locks; a spoof or ActiveChanged(false) does not", async () => {
  await unlock();
  // The screen saver appears after the app started (the app listens by name, whoever owns it later).
  screensaver = await startPeer(sessionBus, ["org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver"], "plain");
  // The same signal from a connection that does not own the name.
  spoof(sessionBus, "session", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", "true");
  await screensaver.emit("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged", "(b)", [false]);
  await expectStillUnlocked("a spoofed ActiveChanged(true) and a real ActiveChanged(false)");
  await screensaver.emit("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged", "(b)", [true]);
  await expectLocked("org.freedesktop.ScreenSaver.ActiveChanged(true)");
});

step("session bus: org.gnome.ScreenSaver ActiveChanged(true) locks", async () => {
  await unlock();
  await screensaver.emit("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", "(b)", [true]);
  await expectLocked("org.gnome.ScreenSaver.ActiveChanged(true)");
});

step("with the setting off, sleep and screen lock leave the vault open, and sleep is not held up", async () => {
  await unlock();
  await click("nav-vault");
  const card = await s.waitFor(byTestId("privacy-card"));
  const sw = await card.find(byTestId("pref-os-lock"));
  assert.equal(await sw.property("checked"), true, "on by default");
  await s.waitUntil(() => sw.enabled(), { timeout: SHORT, message: "pref-os-lock enabled" });
  await sw.click();
  const prefsFile = path.join(process.env.XDG_CONFIG_HOME ?? path.join(process.env.HOME ?? "", ".config"), "fieldbook", "prefs.json");
  await s.waitUntil(
    () => existsSync(prefsFile) && JSON.parse(readFileSync(prefsFile, "utf8")).lockOnSleepOrScreenLock === false,
    { timeout: SHORT, message: `lockOnSleepOrScreenLock=false in ${prefsFile}` },
  );
  assert.equal(await sw.property("checked"), false);

  await logind.emit("/org/freedesktop/login1", MANAGER, "PrepareForSleep", "(b)", [true]);
  const released = await logind.waitFor((e) => e.event === "released" && e.n === 1, "the second inhibitor to be released");
  assert.equal(released.vault, "open", "sleep went ahead without locking");
  await logind.emit("/org/freedesktop/login1", MANAGER, "PrepareForSleep", "(b)", [false]);
  await logind.waitFor(() => calls("Inhibit").length === 3, "a third Inhibit after waking");
  await screensaver.emit("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged", "(b)", [true]);
  await logind.emit(OWN_SESSION, SESSION_IFACE, "Lock");
  await expectStillUnlocked("sleep and screen lock with the setting off");

  // Back on, and the next screen lock locks again.
  await sw.click();
  await s.waitUntil(() => JSON.parse(readFileSync(prefsFile, "utf8")).lockOnSleepOrScreenLock === true, {
    timeout: SHORT,
    message: "lockOnSleepOrScreenLock=true again",
  });
  await screensaver.emit("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", "(b)", [true]);
  await expectLocked("ActiveChanged(true) with the setting back on");
});
