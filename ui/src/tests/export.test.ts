// Export to counsel, the key book, the redacted map, checking a bundle, backups and restore, with
// mocked IPC. The export's progress Channel is the real one from @tauri-apps/api/core: the mock
// receives it in the arguments and a test plays the Rust side by calling its handler.
import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { Channel } from "@tauri-apps/api/core";
import App from "../App.svelte";
import type {
  AffidavitSummary,
  ArchiveReport,
  BackupSettings,
  BundlePreview,
  CounselKey,
  ExportProgress,
  ExportSummary,
  IncidentRow,
  RestoreReport,
} from "../lib/bindings";
import type { Campaign } from "../lib/types";
import {
  bundleName,
  emptyPicks,
  emptyProtection,
  parsePasted,
  percent,
  protectionReady,
  toProtection,
  toSelection,
  verifyCommands,
} from "../components/export/model";
import { fakeStrength, INFO } from "./fixtures";

const CAMPAIGN: Campaign = {
  id: 1, name: "Riverside DC", employer: "Riverside Logistics", worksites: "", unitDescription: "", unitSize: null,
  cardStaleDays: 365, employerDomains: [], issues: [], customFields: [], createdAt: "2025-10-01T00:00:00Z",
};

const DRAFT: AffidavitSummary = {
  id: 5, campaignId: 1, affiantId: 7, affiantName: "Marcus Bell", language: "en", status: "ready_for_counsel", statusSeq: 3,
  statusAt: "2025-10-03T15:30:00Z", statusBy: "Rosa", headSeq: 3, headHash: "ab".repeat(32), lastSavedAt: "2025-10-03T15:30:00Z",
  lastSavedBy: "Rosa", lastNote: "", incidentIds: [41], evidenceIds: [], createdAt: "2025-10-01T15:30:00Z", createdBy: "Rosa",
};

const INCIDENT: IncidentRow = {
  id: 41, occurredOn: "2025-04-26", place: "Dock 4", category: "interrogation", summary: "Supervisor questioned Marcus about the meeting",
  status: "logged", lastDay: "2025-10-26", clock: null, managers: ["Greg Hollis"], affected: 1, witnesses: 1, evidence: 2,
};

const KEY: CounselKey = { id: 3, name: "Dana Ruiz, Ruiz & Chen LLP", recipient: "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p", addedAt: "2025-09-30T10:00:00Z" };

const PREVIEW: BundlePreview = {
  files: [
    { path: "affidavits/5-marcus-bell-v2.pdf", size: 48_213, what: "Affidavit of Marcus Bell, version 2 (PDF)", fields: ["affiant's name, job, department, shift", "the statement"] },
    { path: "incidents/41-interrogation.txt", size: 812, what: "Incident 41 (Interrogation), 2025-04-26", fields: ["names of managers, affected workers and witnesses"] },
    { path: "contacts.csv", size: 96, what: "Phones and e-mails of the affiants and witnesses in this bundle (no one else)", fields: ["personal phones"] },
  ],
  totalBytes: 49_121,
  people: ["Marcus Bell", "Tamika Johnson"],
};

const SUMMARY: ExportSummary = {
  path: "/home/me/Desktop/counsel-bundle-2025-10-14.age", files: 6, bytes: 50_000,
  manifest: { format: "fieldbook-bundle/1", createdAt: "2025-10-14T10:00:00Z", vaultId: INFO.vaultId, appVersion: "0.1.0", files: [], chainHeads: [], schemaVersion: 0, counts: {} },
};

type Call = { cmd: string; args: Record<string, unknown> };
type Handler = (args: Record<string, unknown>) => unknown;

/** A backend for the unlocked shell; `over` replaces or adds commands. */
function backend(over: Record<string, Handler> = {}, status: typeof INFO | null = INFO) {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    const h = over[cmd];
    if (h) return h(args);
    switch (cmd) {
      case "vault_status":
        return status;
      case "recent_list":
        return [];
      case "campaign_list":
        return [CAMPAIGN];
      case "follow_ups":
      case "incident_deadlines":
        return [];
      case "affidavit_list":
        return [DRAFT];
      case "incident_list":
        return [INCIDENT];
      case "counsel_keys":
        return [KEY];
      case "passphrase_strength":
        return fakeStrength(String(args.passphrase));
      case "export_preview":
        return PREVIEW;
      default:
        return null;
    }
  });
  return calls;
}

const argsOf = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

async function openExport() {
  const user = userEvent.setup();
  render(App);
  await screen.findByTestId("app-shell");
  await user.click(screen.getByTestId("nav-export"));
  await screen.findByTestId("section-export");
  return user;
}

/** Open the wizard, tick draft 5 at v2 and incident 41 with its evidence and contacts, go to the preview. */
async function pickAndPreview(user: ReturnType<typeof userEvent.setup>) {
  await waitFor(() => expect(screen.getByTestId("export-start")).toBeEnabled());
  await user.click(screen.getByTestId("export-start"));
  const wizard = await screen.findByTestId("counsel-wizard");
  expect(within(wizard).getByTestId("export-next")).toBeDisabled();
  await user.click(await within(wizard).findByTestId("pick-draft-5"));
  await user.selectOptions(within(wizard).getByTestId("pick-version-5"), "2");
  await user.click(within(wizard).getByTestId("pick-docx"));
  await user.click(within(wizard).getByTestId("pick-incident-41"));
  await user.click(within(wizard).getByTestId("pick-evidence"));
  await user.click(within(wizard).getByTestId("pick-contacts"));
  await user.click(within(wizard).getByTestId("export-next"));
  await within(wizard).findByTestId("export-preview-summary");
  return wizard;
}

describe("the export model", () => {
  it("sends exactly what was ticked, and nothing that stays in the vault by default", () => {
    const p = emptyPicks();
    expect(toSelection(1, p)).toEqual({
      campaignId: 1, affidavits: [], pdf: true, docx: false, incidents: [], evidence: false, contacts: false,
      assessments: false, conversations: false, map: false,
    });
    p.drafts.set(9, null).set(5, 2);
    p.incidents.add(41);
    p.evidence = true;
    expect(toSelection(1, p)).toMatchObject({ affidavits: [{ id: 5, version: 2 }, { id: 9, version: null }], incidents: [41], evidence: true });
    // Evidence only goes with incidents.
    expect(toSelection(1, { ...p, incidents: new Set() }).evidence).toBe(false);
  });

  it("never sends a passphrase together with public keys", () => {
    const d = { ...emptyProtection(), counselKeys: [3], pasted: `${KEY.recipient}\n# a comment\n\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFoo dana@laptop`, passphrase: "left over" };
    expect(toProtection(d)).toEqual({ counselKeys: [3], recipients: [KEY.recipient, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFoo dana@laptop"], passphrase: null, armor: false });
    expect(toProtection({ ...d, mode: "passphrase", passphrase: "correct horse battery", armor: true })).toEqual({
      counselKeys: [], recipients: [], passphrase: "correct horse battery", armor: true,
    });
    expect(protectionReady({ ...emptyProtection() }, false)).toBe(false);
    expect(protectionReady({ ...emptyProtection(), counselKeys: [3] }, false)).toBe(true);
    expect(protectionReady({ ...emptyProtection(), mode: "passphrase", passphrase: "a b c d e f g", confirm: "a b c d e f g" }, false)).toBe(false);
    expect(protectionReady({ ...emptyProtection(), mode: "passphrase", passphrase: "a b c d e f g", confirm: "a b c d e f g" }, true)).toBe(true);
  });

  it("flags secret keys and lines that are not public keys", () => {
    expect(parsePasted("AGE-SECRET-KEY-1QQQQ")).toEqual({ keys: [], bad: [1], secret: true });
    expect(parsePasted(`hello\n${KEY.recipient}`)).toEqual({ keys: [KEY.recipient], bad: [1], secret: false });
  });

  it("gives counsel the commands to open and check the bundle", () => {
    expect(verifyCommands("/x/counsel-bundle-2025-10-14.age", "keys")).toEqual([
      "age -d -i key.txt -o bundle.tar counsel-bundle-2025-10-14.age && tar -xf bundle.tar && sha256sum -c SHA256SUMS",
      "fieldbook verify-bundle counsel-bundle-2025-10-14.age -i key.txt",
    ]);
    expect(verifyCommands("C:\\Users\\me\\my bundle.age", "passphrase")[0]).toBe(
      "age -d -o bundle.tar 'my bundle.age' && tar -xf bundle.tar && sha256sum -c SHA256SUMS",
    );
    expect(bundleName(new Date(2025, 9, 4))).toBe("counsel-bundle-2025-10-04.age");
    expect(percent(50, 200)).toBe(25);
    expect(percent(300, 200)).toBe(100);
    expect(percent(5, 0)).toBe(0);
  });
});

describe("send to counsel", () => {
  it("previews exactly the selection, with every file, its fields and the people named", async () => {
    const calls = backend();
    const user = await openExport();
    const wizard = await pickAndPreview(user);

    expect(argsOf(calls, "affidavit_list")).toContainEqual({ campaignId: 1 });
    expect(argsOf(calls, "incident_list")).toContainEqual({ campaignId: 1 });
    expect(argsOf(calls, "export_preview")).toEqual([
      {
        selection: {
          campaignId: 1, affidavits: [{ id: 5, version: 2 }], pdf: true, docx: true, incidents: [41], evidence: true, contacts: true,
          assessments: false, conversations: false, map: false,
        },
      },
    ]);
    const rows = within(wizard).getAllByTestId("export-preview-file");
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent("affidavits/5-marcus-bell-v2.pdf");
    expect(rows[0]).toHaveTextContent("Affidavit of Marcus Bell, version 2 (PDF)");
    expect(rows[0]).toHaveTextContent("the statement");
    expect(within(wizard).getByTestId("export-preview-summary")).toHaveTextContent("3 files");
    expect(within(wizard).getByTestId("export-preview-people")).toHaveTextContent("Tamika Johnson");
  });

  it("warns for each opt-in and sends it only when ticked", async () => {
    const calls = backend();
    const user = await openExport();
    await user.click(await screen.findByTestId("export-start"));
    const wizard = await screen.findByTestId("counsel-wizard");
    await user.click(await within(wizard).findByTestId("pick-incident-41"));
    for (const k of ["assessments", "conversations", "map"]) {
      expect(within(wizard).getByTestId(`pick-${k}-warn`)).not.toHaveClass("on");
    }
    await user.click(within(wizard).getByTestId("pick-map"));
    expect(within(wizard).getByTestId("pick-map-warn")).toHaveClass("on");
    expect(within(wizard).getByTestId("pick-map-warn")).toHaveTextContent("names every coworker");
    await user.click(within(wizard).getByTestId("export-next"));
    await within(wizard).findByTestId("export-preview-summary");
    expect(argsOf(calls, "export_preview")[0]).toMatchObject({ selection: { incidents: [41], map: true, assessments: false, conversations: false, affidavits: [] } });
  });

  it("keeps counsel's keys and a passphrase mutually exclusive", async () => {
    let resolve: (s: ExportSummary | null) => void = () => {};
    const calls = backend({ export_bundle: () => new Promise((r) => (resolve = r)) });
    const user = await openExport();
    const wizard = await pickAndPreview(user);
    await user.click(within(wizard).getByTestId("export-next"));

    const go = within(wizard).getByTestId("export-go");
    expect(go).toBeDisabled();
    await user.click(within(wizard).getByTestId("protect-key-3"));
    expect(go).toBeEnabled();

    // Switching to a passphrase: the key list goes away and the key choice is dropped.
    await user.click(within(wizard).getByTestId("protect-mode-passphrase"));
    expect(within(wizard).queryByTestId("protect-key-3")).not.toBeInTheDocument();
    expect(within(wizard).queryByTestId("protect-pasted")).not.toBeInTheDocument();
    expect(within(wizard).getByTestId("export-go")).toBeDisabled();
    await user.type(within(wizard).getByTestId("protect-passphrase"), "short");
    await user.type(within(wizard).getByTestId("protect-confirm"), "short");
    await waitFor(() => expect(within(wizard).getByTestId("strength-label")).toHaveTextContent(/weak/i));
    expect(within(wizard).getByTestId("export-go")).toBeDisabled();

    // Back to keys: the passphrase typed is forgotten; pick the key again.
    await user.click(within(wizard).getByTestId("protect-mode-keys"));
    await user.click(within(wizard).getByTestId("protect-mode-passphrase"));
    expect(within(wizard).getByTestId("protect-passphrase")).toHaveValue("");
    await user.type(within(wizard).getByTestId("protect-passphrase"), "river dock night shift");
    await user.type(within(wizard).getByTestId("protect-confirm"), "river dock night shift");
    await waitFor(() => expect(within(wizard).getByTestId("export-go")).toBeEnabled());
    await user.click(within(wizard).getByTestId("protect-armor"));
    await user.click(within(wizard).getByTestId("export-go"));

    await waitFor(() => expect(argsOf(calls, "export_bundle")).toHaveLength(1));
    const sent = argsOf(calls, "export_bundle")[0]!;
    expect(sent.protection).toEqual({ counselKeys: [], recipients: [], passphrase: "river dock night shift", armor: true });
    expect(sent.selection).toMatchObject({ affidavits: [{ id: 5, version: 2 }], incidents: [41] });
    expect(sent.suggestedName).toMatch(/^counsel-bundle-\d{4}-\d{2}-\d{2}\.age$/);

    resolve(SUMMARY);
    const done = await within(wizard).findByTestId("export-done");
    expect(within(done).getByTestId("export-done-steps")).toHaveTextContent("age -d -o bundle.tar counsel-bundle-2025-10-14.age && tar -xf bundle.tar && sha256sum -c SHA256SUMS");
    expect(done).toHaveTextContent("Send the passphrase separately");
  });

  it("feeds the progress bar from the channel, and Cancel calls export_cancel", async () => {
    let channel: Channel<ExportProgress> | null = null;
    let reject: (e: unknown) => void = () => {};
    const calls = backend({
      export_bundle: (args) => {
        channel = args.onProgress as Channel<ExportProgress>;
        return new Promise((_, r) => (reject = r));
      },
    });
    const user = await openExport();
    const wizard = await pickAndPreview(user);
    await user.click(within(wizard).getByTestId("export-next"));
    await user.click(within(wizard).getByTestId("protect-key-3"));
    await user.click(within(wizard).getByTestId("export-go"));

    await waitFor(() => expect(channel).not.toBeNull());
    expect(argsOf(calls, "export_bundle")[0]!.protection).toEqual({ counselKeys: [3], recipients: [], passphrase: null, armor: false });
    expect(within(wizard).getByTestId("export-run")).toHaveTextContent("Choose where to save");
    channel!.onmessage({ done: 50, total: 200 });
    const bar = await within(wizard).findByRole("progressbar");
    await waitFor(() => expect(bar).toHaveAttribute("aria-valuenow", "25"));
    channel!.onmessage({ done: 150, total: 200 });
    await waitFor(() => expect(within(wizard).getByTestId("export-progress")).toHaveAttribute("aria-valuenow", "75"));
    expect(within(wizard).getByTestId("export-progress-text")).toHaveTextContent("75%");
    // No way out mid-way but Cancel.
    expect(within(wizard).queryByTestId("export-back")).not.toBeInTheDocument();

    await user.click(within(wizard).getByTestId("export-cancel"));
    await waitFor(() => expect(argsOf(calls, "export_cancel")).toHaveLength(1));
    expect(within(wizard).getByTestId("export-run")).toHaveTextContent("Cancelling");
    reject({ code: "invalid_input", message: "The export was cancelled; nothing was written." });
    expect(await within(wizard).findByTestId("export-notice")).toHaveTextContent("Nothing was written");
    // Back on the protection step, ready to try again.
    expect(within(wizard).getByTestId("export-go")).toBeEnabled();
  });

  it("shows the path, the file count and the steps to send along, with a copy button", async () => {
    const copied: string[] = [];
    backend({ export_bundle: () => SUMMARY, clipboard_copy: (args) => (copied.push(String(args.text)), null) });
    const user = await openExport();
    const wizard = await pickAndPreview(user);
    await user.click(within(wizard).getByTestId("export-next"));
    await user.click(within(wizard).getByTestId("protect-key-3"));
    await user.click(within(wizard).getByTestId("export-go"));

    const done = await within(wizard).findByTestId("export-done");
    expect(within(done).getByTestId("export-done-path")).toHaveTextContent(SUMMARY.path);
    expect(within(done).getByTestId("export-done-files")).toHaveTextContent("6");
    const steps = within(done).getByTestId("export-done-steps");
    expect(steps).toHaveTextContent("age -d -i key.txt -o bundle.tar counsel-bundle-2025-10-14.age && tar -xf bundle.tar && sha256sum -c SHA256SUMS");
    expect(steps).toHaveTextContent("fieldbook verify-bundle counsel-bundle-2025-10-14.age -i key.txt");
    // The copy goes through the Rust clipboard command (cleared after 10 s), not the WebView's.
    await user.click(within(done).getByTestId("export-done-copy"));
    expect(copied).toHaveLength(1);
    expect(copied[0]).toContain("sha256sum -c SHA256SUMS");
    expect(done).toHaveTextContent("Copied.");
    await user.click(within(wizard).getByTestId("export-finish"));
    await waitFor(() => expect(screen.queryByTestId("counsel-wizard")).not.toBeInTheDocument());
  });

  it("goes back to the protection step when the save dialog is cancelled", async () => {
    backend({ export_bundle: () => null });
    const user = await openExport();
    const wizard = await pickAndPreview(user);
    await user.click(within(wizard).getByTestId("export-next"));
    await user.click(within(wizard).getByTestId("protect-key-3"));
    await user.click(within(wizard).getByTestId("export-go"));
    expect(await within(wizard).findByTestId("export-notice")).toHaveTextContent("No file was chosen");
  });
});

describe("counsel's key book", () => {
  it("adds a key, and shows the backend's sentence when it refuses a secret key", async () => {
    const added: CounselKey = { id: 4, name: "Lee Park", recipient: "age1lee", addedAt: "2025-10-14T10:00:00Z" };
    const calls = backend({
      counsel_key_add: (args) => {
        if (String(args.recipient).startsWith("AGE-SECRET-KEY")) {
          throw { code: "invalid_input", message: "That is a secret key (AGE-SECRET-KEY-1…): add counsel's public key (age1…) instead." };
        }
        return added;
      },
    });
    const user = await openExport();
    const book = await screen.findByTestId("keybook");
    await waitFor(() => expect(within(book).getAllByTestId("keybook-item")).toHaveLength(1));

    await user.click(within(book).getByTestId("keybook-add"));
    await user.type(within(book).getByTestId("keybook-name"), "Lee Park");
    await user.type(within(book).getByTestId("keybook-key"), "AGE-SECRET-KEY-1QQQQQQ");
    await user.click(within(book).getByTestId("keybook-save"));
    const err = await within(book).findByTestId("keybook-add-error");
    expect(err).toHaveAttribute("data-code", "invalid_input");
    expect(err).toHaveTextContent("That is a secret key (AGE-SECRET-KEY-1…): add counsel's public key (age1…) instead.");
    // The secret is not kept on screen.
    expect(within(book).getByTestId("keybook-key")).toHaveValue("");

    await user.type(within(book).getByTestId("keybook-key"), "age1lee");
    await user.click(within(book).getByTestId("keybook-save"));
    await waitFor(() => expect(within(book).getAllByTestId("keybook-item")).toHaveLength(2));
    expect(argsOf(calls, "counsel_key_add").at(-1)).toEqual({ name: "Lee Park", recipient: "age1lee" });
  });

  it("removes a key only after confirmation", async () => {
    const calls = backend();
    const user = await openExport();
    const book = await screen.findByTestId("keybook");
    await user.click(await within(book).findByTestId("keybook-remove-3"));
    const dialog = await screen.findByTestId("keybook-remove-dialog");
    expect(dialog).toHaveTextContent("Dana Ruiz");
    expect(argsOf(calls, "counsel_key_remove")).toHaveLength(0);
    await user.click(within(dialog).getByTestId("keybook-remove-dialog-confirm"));
    await waitFor(() => expect(argsOf(calls, "counsel_key_remove")).toEqual([{ id: 3 }]));
    expect(await within(book).findByTestId("keybook-empty")).toBeInTheDocument();
  });
});

describe("redacted map and bundle check", () => {
  it("exports the redacted map with the groups and protection chosen", async () => {
    const calls = backend({ export_redacted_map: () => ({ ...SUMMARY, path: "/tmp/map-redacted.age", files: 1 }) });
    const user = await openExport();
    await user.click(await screen.findByTestId("export-map"));
    const dialog = await screen.findByTestId("redacted-map-dialog");
    await user.click(within(dialog).getByTestId("map-groups-drop"));
    await user.click(within(dialog).getByTestId("protect-key-3"));
    await user.click(within(dialog).getByTestId("redacted-submit"));
    const done = await within(dialog).findByTestId("redacted-done");
    expect(argsOf(calls, "export_redacted_map")[0]).toMatchObject({
      campaignId: 1, groups: "drop", protection: { counselKeys: [3], recipients: [], passphrase: null, armor: false },
    });
    expect(within(done).getByTestId("redacted-done-steps")).not.toHaveTextContent("SHA256SUMS");
  });

  it("checks a bundle with a pasted identity that is cleared at once, and shows the report", async () => {
    const report: ArchiveReport = { ok: false, filesChecked: 4, bytesChecked: 1200, problems: ["evidence/41/7-photo.jpg: SHA-256 differs"], manifest: null };
    const calls = backend({ bundle_verify: () => report });
    const user = await openExport();
    await user.click(await screen.findByTestId("export-verify"));
    const dialog = await screen.findByTestId("verify-bundle-dialog");
    const field = within(dialog).getByTestId("verify-secret");
    expect(field).toHaveAttribute("type", "password");
    await user.type(field, "AGE-SECRET-KEY-1ABC");
    await user.click(within(dialog).getByTestId("verify-bundle-submit"));
    const shown = await within(dialog).findByTestId("verify-bundle-report");
    expect(argsOf(calls, "bundle_verify")).toEqual([{ passphrase: null, identity: "AGE-SECRET-KEY-1ABC" }]);
    expect(field).toHaveValue("");
    expect(shown).toHaveAttribute("data-ok", "false");
    expect(within(shown).getByTestId("verify-bundle-problems")).toHaveTextContent("evidence/41/7-photo.jpg: SHA-256 differs");
  });
});

describe("backups", () => {
  it("runs the scheduled backup once after unlocking and says so in a toast", async () => {
    const calls = backend({
      backup_if_due: () => ({ path: "/media/usb/Riverside-20251014.fieldbook-backup.age", bytes: 1000, createdAt: "2025-10-14T10:00:00Z", schemaVersion: 9, counts: {} }),
    });
    render(App);
    await screen.findByTestId("app-shell");
    expect(await screen.findByText("Automatic backup made.")).toBeInTheDocument();
    expect(argsOf(calls, "backup_if_due")).toHaveLength(1);
  });

  it("warns unobtrusively when the scheduled backup failed", async () => {
    backend({ backup_if_due: () => Promise.reject({ code: "io", message: "Could not write /media/usb: not found" }) });
    const user = userEvent.setup();
    render(App);
    await screen.findByTestId("app-shell");
    const toast = await screen.findByText(/The automatic backup failed/);
    expect(toast.closest("[data-testid=toast]")).toHaveClass("err");
    await user.click(screen.getByTestId("nav-vault"));
    expect(await screen.findByTestId("backup-auto-failed")).toBeInTheDocument();
  });

  it("chooses the folder in the native dialog and saves keep / every", async () => {
    let settings: BackupSettings = { folder: null, keep: 7, everyDays: 1, lastAt: null };
    const calls = backend({
      backup_settings: () => settings,
      backup_settings_set: (args) => {
        settings = { ...(args.settings as BackupSettings) };
        if (args.chooseFolder) settings.folder = "/media/usb/backups";
        return settings;
      },
      backup_now: () => ({ path: "/media/usb/backups/x.age", bytes: 2048, createdAt: "2025-10-14T10:00:00Z", schemaVersion: 9, counts: {} }),
    });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId("nav-vault"));
    const card = await screen.findByTestId("backup-card");
    await within(card).findByTestId("backup-folder-off");
    expect(within(card).getByTestId("backup-now")).toBeDisabled();
    await user.click(within(card).getByTestId("backup-choose-folder"));
    expect(await within(card).findByTestId("backup-folder")).toHaveTextContent("/media/usb/backups");
    expect(argsOf(calls, "backup_settings_set")[0]).toEqual({ settings: { folder: null, keep: 7, everyDays: 1, lastAt: null }, chooseFolder: true });

    await user.clear(within(card).getByTestId("backup-keep"));
    await user.type(within(card).getByTestId("backup-keep"), "12");
    await user.click(within(card).getByTestId("backup-save"));
    await waitFor(() => expect(argsOf(calls, "backup_settings_set")).toHaveLength(2));
    expect(argsOf(calls, "backup_settings_set")[1]).toEqual({ settings: { folder: "/media/usb/backups", keep: 12, everyDays: 1, lastAt: null }, chooseFolder: false });

    await user.click(within(card).getByTestId("backup-now"));
    expect(await within(card).findByTestId("backup-notice")).toHaveTextContent("/media/usb/backups/x.age");
    expect(argsOf(calls, "backup_now")[0]).toEqual({ passphrase: null, suggestedName: expect.stringMatching(/\.fieldbook-backup\.age$/) });
  });
});

describe("restore", () => {
  const REPORT: RestoreReport = {
    path: "/home/me/Restored/Riverside again.fieldbook", backupCreatedAt: "2025-10-13T22:00:00Z", vaultId: INFO.vaultId, schemaVersion: 9,
    counts: { workers: 412, conversations: 1290, incidents: 7 },
  };

  it("sends the backup passphrase, the vault passphrase and the name, then offers to open the vault", async () => {
    const calls = backend({ backup_restore: () => REPORT }, null);
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId("btn-restore-backup"));
    const dialog = await screen.findByTestId("restore-dialog");
    expect(within(dialog).getByTestId("restore-submit")).toBeDisabled();
    await user.type(within(dialog).getByTestId("restore-backup-pass"), "backup words here");
    await user.type(within(dialog).getByTestId("restore-vault-pass"), "vault words here");
    await user.type(within(dialog).getByTestId("restore-name"), "Riverside again");
    await user.click(within(dialog).getByTestId("restore-submit"));

    const counts = await within(dialog).findByTestId("restore-counts");
    expect(argsOf(calls, "backup_restore")).toEqual([
      { backupPassphrase: "backup words here", recoveryKey: null, vaultPassphrase: "vault words here", newName: "Riverside again" },
    ]);
    expect(counts).toHaveTextContent("workers");
    expect(counts).toHaveTextContent("412");
    expect(within(dialog).getByTestId("restore-path")).toHaveTextContent(REPORT.path);

    await user.click(within(dialog).getByTestId("restore-open"));
    expect(await screen.findByTestId("unlock-path")).toHaveValue(REPORT.path);
  });

  it("with the recovery key, sends no passphrase at all", async () => {
    const calls = backend({ backup_restore: () => null }, null);
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId("btn-restore-backup"));
    const dialog = await screen.findByTestId("restore-dialog");
    await user.type(within(dialog).getByTestId("restore-backup-pass"), "typed first");
    await user.click(within(dialog).getByTestId("restore-mode-recovery"));
    expect(within(dialog).queryByTestId("restore-backup-pass")).not.toBeInTheDocument();
    await user.type(within(dialog).getByTestId("restore-recovery"), "AGE-SECRET-KEY-1RECOVERY");
    await user.type(within(dialog).getByTestId("restore-name"), "Copy");
    await user.click(within(dialog).getByTestId("restore-submit"));
    expect(await within(dialog).findByTestId("restore-notice")).toHaveTextContent("nothing was restored");
    expect(argsOf(calls, "backup_restore")).toEqual([{ backupPassphrase: null, recoveryKey: "AGE-SECRET-KEY-1RECOVERY", vaultPassphrase: null, newName: "Copy" }]);
    expect(within(dialog).getByTestId("restore-recovery")).toHaveValue("");
  });
});
