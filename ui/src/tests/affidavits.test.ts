import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import App from "../App.svelte";
import { newAffidavit, openAffidavit, openIncidentLog } from "../components/incidents/nav.svelte";
import type {
  AffidavitContent,
  AffidavitDiff,
  AffidavitDraft,
  AffidavitNew,
  AffidavitSave,
  AffidavitSummary,
  AffidavitVersionInfo,
  ChainStatus,
} from "../lib/bindings";
import type { Campaign } from "../lib/types";
import { INFO } from "./fixtures";

// PDF.js needs a real canvas: the page drawing is replaced, the bytes path is what is tested.
const pdf = vi.hoisted(() => ({ opened: [] as Uint8Array[] }));
vi.mock("../components/incidents/pdf", () => ({
  openPdf: async (bytes: Uint8Array) => {
    pdf.opened.push(bytes);
    return { pages: 2, render: async () => {}, destroy: () => {} };
  },
}));

const CAMPAIGN: Campaign = {
  id: 1, name: "Riverside DC", employer: "Riverside Logistics", worksites: "", unitDescription: "", unitSize: null,
  cardStaleDays: 365, employerDomains: [], issues: [], customFields: [], createdAt: "2025-10-01T00:00:00Z",
};

const V1: AffidavitContent = {
  language: "en",
  affiant: {
    name: "Marcus Bell", alsoKnownAs: ["Marc"], jobTitle: "Picker", department: "Picking", shift: "Night", employedSince: "2021-03-04",
    contactInsteadOfAddress: true, address: "", phone: "555-0101", email: "marcus@example.org",
  },
  paragraphs: ["I work as a picker on the night shift.", "On 26 April Greg Hollis asked me about the union meeting."],
  witnesses: [{ name: "Tamika Johnson", workerId: 12, details: "Picker, Night" }],
};

const V2: AffidavitContent = {
  ...V1,
  affiant: { ...V1.affiant, phone: "555-0199" },
  paragraphs: [
    "I work as a picker on the night shift.",
    "On 26 April at about 10:15 pm Greg Hollis asked me about the union meeting.",
    "Tamika Johnson heard it from about 10 feet away.",
  ],
};

const DIFF: AffidavitDiff = {
  affidavitId: 5, from: 1, to: 2,
  paragraphs: [
    { kind: "same", fromNumber: 1, toNumber: 1, spans: [{ kind: "same", text: "I work as a picker on the night shift." }] },
    {
      kind: "changed", fromNumber: 2, toNumber: 2,
      spans: [
        { kind: "same", text: "On 26 April " },
        { kind: "added", text: "at about 10:15 pm " },
        { kind: "same", text: "Greg Hollis asked me about the union meeting." },
      ],
    },
    { kind: "added", fromNumber: null, toNumber: 3, spans: [{ kind: "added", text: "Tamika Johnson heard it from about 10 feet away." }] },
    { kind: "removed", fromNumber: 3, toNumber: null, spans: [{ kind: "removed", text: "He said it twice." }] },
  ],
  fields: [{ field: "affiant.phone", before: "555-0101", after: "555-0199" }],
  added: 1, removed: 1, changed: 1,
};

type Call = { cmd: string; args: Record<string, unknown> };

function info(seq: number, content: AffidavitContent, by: string, note: string): AffidavitVersionInfo {
  return {
    seq, savedAt: `2025-10-0${seq}T15:30:00Z`, savedBy: by, note, hash: `${seq}`.repeat(64),
    words: content.paragraphs.join(" ").split(/\s+/).length, paragraphs: content.paragraphs.length,
  };
}

function backend(drafts = new Map<string, { body: string; updatedAt: string }>()) {
  const calls: Call[] = [];
  const versions: { content: AffidavitContent; by: string; note: string }[] = [
    { content: V1, by: "Rosa", note: "First draft from the 1-on-1" },
    { content: V2, by: "Rosa", note: "Corrected the time" },
  ];
  let status: AffidavitSummary["status"] = "draft";
  let id = 5;
  const summary = (): AffidavitSummary => ({
    id, campaignId: 1, affiantId: 7, affiantName: "Marcus Bell", language: "en", status, statusSeq: status === "draft" ? null : versions.length,
    statusAt: "", statusBy: "", headSeq: versions.length, headHash: "ab".repeat(32), lastSavedAt: `2025-10-0${versions.length}T15:30:00Z`,
    lastSavedBy: versions.at(-1)!.by, lastNote: versions.at(-1)!.note, incidentIds: [41], evidenceIds: [], createdAt: "2025-10-01T15:30:00Z", createdBy: "Rosa",
  });
  const draftOf = (seq = versions.length): AffidavitDraft => ({
    summary: summary(),
    version: { seq, savedAt: "", savedBy: versions[seq - 1]!.by, note: versions[seq - 1]!.note, hash: "", prevHash: "", content: versions[seq - 1]!.content },
  });
  const chain = (): ChainStatus => ({ affidavitId: id, uid: "u", affiantName: "Marcus Bell", ok: true, versions: versions.length, headSeq: versions.length, headHash: "ab".repeat(32), problems: [] });
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    switch (cmd) {
      case "vault_status":
        return INFO;
      case "campaign_list":
        return [CAMPAIGN];
      case "follow_ups":
      case "incident_deadlines":
      case "affidavit_list":
        return [];
      case "incident_list":
        return [{ id: 41, occurredOn: "2025-04-26", place: "", category: "interrogation", summary: "Supervisor questioned Marcus", status: "logged", lastDay: "2025-10-26", clock: null, managers: [], affected: 1, witnesses: 1, evidence: 0 }];
      case "affidavit_load":
        return draftOf((args.seq as number | null) ?? versions.length);
      case "affidavit_history":
        return versions.map((v, i) => info(i + 1, v.content, v.by, v.note)).reverse();
      case "affidavit_verify":
        return chain();
      case "affidavit_diff":
        return DIFF;
      case "affidavit_save": {
        const input = args.input as AffidavitSave;
        versions.push({ content: input.content, by: input.savedBy, note: input.note });
        return draftOf();
      }
      case "affidavit_prefill":
        return { ...V1, paragraphs: [], witnesses: [] };
      case "affidavit_create": {
        const input = args.input as AffidavitNew;
        versions.splice(0, versions.length, { content: input.content, by: input.savedBy, note: input.note });
        id = 9;
        return draftOf();
      }
      case "affidavit_set_status":
        status = args.status as AffidavitSummary["status"];
        return summary();
      case "affidavit_render":
        return new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x25]).buffer;
      case "draft_save":
        drafts.set(args.key as string, { body: args.body as string, updatedAt: new Date().toISOString() });
        return null;
      case "draft_load": {
        const d = drafts.get(args.key as string);
        return d ? { key: args.key, ...d } : null;
      }
      case "draft_clear":
        drafts.delete(args.key as string);
        return null;
      default:
        return null;
    }
  });
  return calls;
}

async function openEditor(open: () => void = () => openAffidavit(5)) {
  const user = userEvent.setup();
  render(App);
  await screen.findByTestId("app-shell");
  await screen.findByTestId("section-today");
  open();
  const editor = await screen.findByTestId("affidavit-editor");
  return { user, editor };
}

afterEach(() => {
  openIncidentLog();
  pdf.opened.length = 0;
});

describe("affidavit versions", () => {
  it("lists the versions with who and when, and renders the diff between two of them", async () => {
    const calls = backend();
    const { user, editor } = await openEditor();
    const history = await within(editor).findByTestId("affidavit-history");
    await waitFor(() => expect(within(history).getAllByTestId("affidavit-version")).toHaveLength(2));
    const [v2, v1] = within(history).getAllByTestId("affidavit-version");
    expect(v2).toHaveAttribute("data-seq", "2");
    expect(v2).toHaveTextContent("Corrected the time");
    expect(within(v2!).getByTestId("affidavit-version-by")).toHaveTextContent("Rosa");
    expect(within(v2!).getByTestId("affidavit-version-by")).toHaveTextContent("2025");
    expect(v1).toHaveTextContent("First draft from the 1-on-1");
    expect(within(editor).getByTestId("affidavit-chain")).toHaveTextContent("Chain verified · 2 versions");

    await user.click(within(history).getByTestId("affidavit-compare"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "affidavit_diff")).toBe(true));
    expect(calls.find((c) => c.cmd === "affidavit_diff")!.args).toEqual({ id: 5, from: 1, to: 2 });

    const diff = await screen.findByTestId("affidavit-diff");
    expect(within(diff).getByTestId("affidavit-diff-summary")).toHaveTextContent("+1 added");
    expect(within(diff).getByTestId("affidavit-diff-summary")).toHaveTextContent("−1 removed");
    expect(within(diff).getByTestId("affidavit-diff-summary")).toHaveTextContent("~1 changed");
    const paras = within(diff).getAllByTestId("affidavit-diff-paragraph");
    expect(paras.map((p) => p.getAttribute("data-kind"))).toEqual(["same", "changed", "added", "removed"]);
    // Word level: only the added words are marked inside the changed paragraph.
    const ins = within(paras[1]!).getAllByTestId("diff-ins");
    expect(ins.map((e) => e.textContent)).toEqual(["at about 10:15 pm "]);
    expect(paras[1]).toHaveTextContent("On 26 April at about 10:15 pm Greg Hollis asked me about the union meeting.");
    expect(within(paras[3]!).getByTestId("diff-del")).toHaveTextContent("He said it twice.");
    const field = within(diff).getByTestId("affidavit-diff-field");
    expect(field).toHaveAttribute("data-field", "affiant.phone");
    expect(field).toHaveTextContent("Phone");
    expect(field).toHaveTextContent("555-0101");
    expect(field).toHaveTextContent("555-0199");

    // Hiding the unchanged paragraphs.
    await user.click(within(diff).getByRole("checkbox"));
    expect(within(diff).getAllByTestId("affidavit-diff-paragraph").map((p) => p.getAttribute("data-kind"))).toEqual(["changed", "added", "removed"]);
  });

  it("edits autosave into the vault's drafts; every Save makes a version with who and what changed", async () => {
    const drafts = new Map<string, { body: string; updatedAt: string }>();
    const calls = backend(drafts);
    const { user, editor } = await openEditor();
    await within(editor).findByTestId("affidavit-history");
    const texts = () => within(editor).getAllByTestId("affidavit-paragraph-text") as HTMLTextAreaElement[];
    await waitFor(() => expect(texts()).toHaveLength(3));
    expect(texts()[1]).toHaveValue(V2.paragraphs[1]);
    // The template in the statement's language frames it.
    expect(within(editor).getByTestId("affidavit-template-intro")).toHaveTextContent("I, Marcus Bell, state as follows:");

    await user.click(within(editor).getByTestId("affidavit-paragraph-add"));
    await user.type(texts()[3]!, "I wrote it down on my break.");
    await waitFor(() => expect(calls.some((c) => c.cmd === "draft_save")).toBe(true), { timeout: 3000 });
    const saved = JSON.parse(drafts.get("affidavit:5")!.body) as { content: AffidavitContent };
    expect(saved.content.paragraphs.at(-1)).toBe("I wrote it down on my break.");
    expect(within(editor).getByTestId("affidavit-draft-status")).toHaveAttribute("data-dirty", "true");

    // Reorder: move the new paragraph up one.
    await user.click(within(editor).getAllByTestId("affidavit-paragraph-up")[3]!);
    expect(texts().map((t) => t.value)).toEqual([V2.paragraphs[0], V2.paragraphs[1], "I wrote it down on my break.", V2.paragraphs[2]]);

    // Who saves is required.
    await user.click(within(editor).getByTestId("affidavit-save"));
    expect(calls.some((c) => c.cmd === "affidavit_save")).toBe(false);
    await user.type(within(editor).getByTestId("affidavit-saved-by"), "Rosa");
    await user.type(within(editor).getByTestId("affidavit-note"), "Added the note on the break");
    await user.keyboard("{Control>}{Enter}{/Control}");

    await waitFor(() => expect(calls.some((c) => c.cmd === "affidavit_save")).toBe(true));
    const first = calls.find((c) => c.cmd === "affidavit_save")!;
    expect(first.args.id).toBe(5);
    const input = first.args.input as AffidavitSave;
    expect(input.savedBy).toBe("Rosa");
    expect(input.note).toBe("Added the note on the break");
    expect(input.incidentIds).toEqual([41]);
    expect(input.evidenceIds).toBeNull();
    expect(input.content.paragraphs).toEqual([V2.paragraphs[0], V2.paragraphs[1], "I wrote it down on my break.", V2.paragraphs[2]]);
    expect(input.content.affiant).toEqual(V2.affiant);
    expect(await screen.findByTestId("toast")).toHaveTextContent("Saved as v3.");
    await waitFor(() => expect(within(editor).getAllByTestId("affidavit-version")).toHaveLength(3));
    expect(within(editor).getAllByTestId("affidavit-version")[0]).toHaveTextContent("Added the note on the break");
    await waitFor(() => expect(drafts.has("affidavit:5")).toBe(false));

    // A second save after another edit: another version.
    await user.type(texts()[0]!, " Since 2021.");
    await user.click(within(editor).getByTestId("affidavit-save"));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "affidavit_save")).toHaveLength(2));
    await waitFor(() => expect(within(editor).getAllByTestId("affidavit-version")).toHaveLength(4));
    expect(calls.filter((c) => c.cmd === "affidavit_verify").length).toBeGreaterThanOrEqual(3);
  });

  it("restores unsaved edits from the vault's drafts when the draft is opened again", async () => {
    const body = JSON.stringify({ content: { ...V2, paragraphs: [...V2.paragraphs, "Typed before the window closed."] }, incidentIds: [41], note: "wip" });
    const drafts = new Map([["affidavit:5", { body, updatedAt: new Date(Date.now() - 3 * 60_000).toISOString() }]]);
    backend(drafts);
    const { editor } = await openEditor();
    expect(await within(editor).findByTestId("affidavit-draft-restored")).toHaveTextContent("3 minutes ago");
    const texts = within(editor).getAllByTestId("affidavit-paragraph-text") as HTMLTextAreaElement[];
    expect(texts.at(-1)).toHaveValue("Typed before the window closed.");
    expect(within(editor).getByTestId("affidavit-note")).toHaveValue("wip");
  });
});

describe("affidavit copies and the PDF", () => {
  it("saving a PDF or DOCX copy asks first that it will NOT be encrypted", async () => {
    const calls = backend();
    const { user, editor } = await openEditor();
    const pdfButton = await within(editor).findByTestId("affidavit-save-pdf");
    await user.click(pdfButton);
    const dialog = await screen.findByTestId("save-copy-confirm");
    expect(dialog).toHaveTextContent("NOT encrypted");
    expect(dialog).toHaveTextContent("Save v2 as an unencrypted PDF?");
    expect(calls.some((c) => c.cmd === "affidavit_export_save")).toBe(false);
    await user.click(within(dialog).getByTestId("save-copy-confirm-confirm"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "affidavit_export_save")).toBe(true));
    expect(calls.find((c) => c.cmd === "affidavit_export_save")!.args).toEqual({ id: 5, seq: 2, format: "pdf" });
    await waitFor(() => expect(screen.queryByTestId("save-copy-confirm")).not.toBeInTheDocument());
    await waitFor(() => expect(document.body.style.pointerEvents).not.toBe("none"));

    await user.click(within(editor).getByTestId("affidavit-save-docx"));
    const again = await screen.findByTestId("save-copy-confirm");
    await user.click(within(again).getByTestId("save-copy-confirm-cancel"));
    await waitFor(() => expect(screen.queryByTestId("save-copy-confirm")).not.toBeInTheDocument());
    expect(calls.filter((c) => c.cmd === "affidavit_export_save")).toHaveLength(1);
  });

  it("renders the PDF in memory and previews it in the window", async () => {
    const calls = backend();
    const { user, editor } = await openEditor();
    await within(editor).findByTestId("affidavit-history");
    await user.click(within(editor).getByTestId("affidavit-preview-open"));
    const preview = await screen.findByTestId("affidavit-preview");
    await waitFor(() => expect(calls.some((c) => c.cmd === "affidavit_render")).toBe(true));
    expect(calls.find((c) => c.cmd === "affidavit_render")!.args).toEqual({ id: 5, seq: 2 });
    const view = await within(preview).findByTestId("affidavit-pdf");
    expect(view).toHaveAttribute("data-bytes", "10");
    await waitFor(() => expect(view).toHaveAttribute("data-state", "ready"));
    expect(view).toHaveAttribute("data-pages", "2");
    expect(within(view).getAllByTestId("affidavit-pdf-page")).toHaveLength(2);
    expect([...pdf.opened[0]!.slice(0, 4)]).toEqual([0x25, 0x50, 0x44, 0x46]); // %PDF
  });
});

describe("a new affidavit", () => {
  it("opens prefilled from the worker's record; the first Save creates it as v1", async () => {
    const calls = backend();
    const { user, editor } = await openEditor(() => newAffidavit(7, [41], null, 41));
    await waitFor(() => expect(calls.some((c) => c.cmd === "affidavit_prefill")).toBe(true));
    expect(calls.find((c) => c.cmd === "affidavit_prefill")!.args).toEqual({ affiantId: 7, language: null, incidentIds: [41] });
    expect(await within(editor).findByTestId("affidavit-name")).toHaveValue("Marcus Bell");
    // Spanish: the template changes language with the statement.
    await user.click(within(editor).getByTestId("affidavit-lang-es"));
    expect(within(editor).getByTestId("affidavit-template-intro")).toHaveTextContent("Yo, Marcus Bell, declaro lo siguiente:");
    const text = within(editor).getAllByTestId("affidavit-paragraph-text")[0]!;
    await fireEvent.input(text, { target: { value: "Trabajo en el turno de noche." } });
    await user.type(within(editor).getByTestId("affidavit-saved-by"), "Rosa");
    await user.click(within(editor).getByTestId("affidavit-save"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "affidavit_create")).toBe(true));
    const input = calls.find((c) => c.cmd === "affidavit_create")!.args.input as AffidavitNew;
    expect(input).toMatchObject({ affiantId: 7, incidentIds: [41], evidenceIds: [], savedBy: "Rosa" });
    expect(input.content.language).toBe("es");
    expect(input.content.paragraphs).toEqual(["Trabajo en el turno de noche."]);
    await waitFor(() => expect(editor).toHaveAttribute("data-id", "9"));
    expect(calls.some((c) => c.cmd === "affidavit_history" && c.args.id === 9)).toBe(true);
  });
});
