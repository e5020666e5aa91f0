// The map section with a fixture analysis and mocked IPC. jsdom has no canvas, so Cytoscape is
// replaced by a small fake core (below) that records what the map asks of it and lets a test
// play a gesture (a Shift+drag from one worker to another) through the same event handlers.
import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import App from "../App.svelte";
import type { LeaderReason, MapAnalysis, MapWorker, Relationship, WarmPath } from "../lib/bindings";
import { setLang } from "../lib/i18n/index.svelte";
import type { Campaign, WorkerDetail } from "../lib/types";
import { reasonText } from "../components/map/mapModel";
import { buildElements, buildStyle, LIGHT, nodeClasses } from "../components/map/graphStyle";
import { INFO } from "./fixtures";
import { packMap } from "./mapWire";
import { unpackMap } from "../components/map/wire";

type Handler = (e: Record<string, unknown>) => void;

const fake = vi.hoisted(() => {
  type Ele = {
    id: () => string;
    nonempty: () => boolean;
    empty: () => boolean;
    isNode: () => boolean;
    classes: string[];
    addClass: (c: string) => Ele;
    removeClass: (c: string) => Ele;
    data: (d?: unknown) => unknown;
    position: () => { x: number; y: number };
    renderedPosition: () => { x: number; y: number };
    remove: () => void;
  };
  const state = {
    created: 0,
    options: null as Record<string, unknown> | null,
    handlers: [] as { event: string; selector: string | null; fn: (e: Record<string, unknown>) => void }[],
    elements: new Map<string, Ele>(),
    png: 0,
    svg: 0,
    zoom: 1,
    added: [] as string[],
    core: null as unknown,
    /** Cytoscape's own size observers, which the map disconnects (it watches the size itself). */
    observers: { resize: 0, style: 0 },
  };
  function ele(id: string, isNode: boolean): Ele {
    const e: Ele = {
      id: () => id,
      nonempty: () => true,
      empty: () => false,
      isNode: () => isNode,
      classes: [],
      addClass: (c) => ((e.classes = [...e.classes, c]), e),
      removeClass: (c) => ((e.classes = e.classes.filter((x) => x !== c)), e),
      data: () => ({}),
      position: () => ({ x: 0, y: 0 }),
      renderedPosition: () => ({ x: 10, y: 10 }),
      remove: () => void state.elements.delete(id),
    };
    return e;
  }
  function collection(list: Ele[]) {
    return {
      length: list.length,
      empty: () => list.length === 0,
      nonempty: () => list.length > 0,
      first: () => list[0],
      filter: (fn: (e: Ele) => boolean) => collection(list.filter(fn)),
      forEach: (fn: (e: Ele) => void) => list.forEach(fn),
      map: <T,>(fn: (e: Ele) => T) => list.map(fn),
      connectedEdges: () => collection([]),
      remove: () => undefined,
      boundingBox: () => ({ x1: 0, y1: 0, w: 400, h: 300 }),
      nodes: () => collection(list.filter((e) => e.isNode())),
    };
  }
  const missing = { ...ele("", false), nonempty: () => false, empty: () => true };
  function cytoscape(options: Record<string, unknown>) {
    state.created += 1;
    state.options = options;
    state.handlers = [];
    state.elements = new Map();
    state.added = [];
    for (const def of options.elements as { group: string; data: { id: string } }[]) {
      state.elements.set(def.data.id, ele(def.data.id, def.group === "nodes"));
    }
    const all = () => [...state.elements.values()];
    const core = {
      on: (event: string, a: unknown, b?: unknown) => {
        const fn = (typeof a === "function" ? a : b) as (e: Record<string, unknown>) => void;
        state.handlers.push({ event, selector: typeof a === "string" ? a : null, fn });
        return core;
      },
      one: (event: string, fn: () => void) => {
        if (event === "render") setTimeout(fn, 0);
        return core;
      },
      batch: (fn: () => void) => fn(),
      getElementById: (id: string) => state.elements.get(id) ?? missing,
      extent: () => ({ x1: -1000, y1: -1000, x2: 1000, y2: 1000, w: 2000, h: 2000 }),
      nodes: () => collection(all().filter((e) => e.isNode())),
      edges: () => collection(all().filter((e) => !e.isNode())),
      elements: () => collection(all()),
      add: (defs: { group: string; data: { id: string }; classes?: string }[]) => {
        for (const def of defs) {
          const e = ele(def.data.id, def.group === "nodes");
          e.classes = (def.classes ?? "").split(" ").filter(Boolean);
          e.remove = () => void state.elements.delete(def.data.id);
          state.elements.set(def.data.id, e);
          state.added.push(def.data.id);
        }
      },
      fit: () => undefined,
      center: () => undefined,
      zoom: () => state.zoom,
      width: () => 800,
      height: () => 600,
      viewport: () => undefined,
      animate: () => undefined,
      resize: () => undefined,
      style: () => undefined,
      autoungrabify: () => undefined,
      renderer: () => ({
        resizeObserver: { disconnect: () => void (state.observers.resize += 1) },
        styleObserver: { disconnect: () => void (state.observers.style += 1) },
      }),
      destroy: () => undefined,
      png: () => {
        state.png += 1;
        return Promise.resolve({ arrayBuffer: () => Promise.resolve(new Uint8Array([137, 80, 78, 71]).buffer) });
      },
      svg: () => {
        state.svg += 1;
        return "<svg/>";
      },
    };
    state.core = core;
    return core;
  }
  cytoscape.use = () => undefined;
  /** Fire the handlers for an event, as Cytoscape would. */
  function emit(event: string, target: unknown, extra: Record<string, unknown> = {}) {
    const isNode = typeof target === "object" && target !== null && "isNode" in target && (target as Ele).isNode();
    for (const h of state.handlers) {
      if (h.event !== event) continue;
      if (h.selector === "node" && !isNode) continue;
      h.fn({ target, ...extra });
    }
  }
  return { state, cytoscape, emit };
});

vi.mock("cytoscape", () => ({ default: fake.cytoscape }));
vi.mock("cytoscape-svg", () => ({ default: () => undefined }));

const CAMPAIGN: Campaign = {
  id: 1,
  name: "Riverside DC",
  employer: "Riverside Logistics",
  worksites: "",
  unitDescription: "",
  unitSize: null,
  cardStaleDays: 365,
  employerDomains: [],
  issues: [],
  customFields: [],
  createdAt: "2025-10-01T00:00:00Z",
};

function mw(id: number, name: string, department: string, shift: string, assessment: number | null, over: Partial<MapWorker> = {}): MapWorker {
  return {
    id, name, department, shift, assessment, committee: false, supervisor: false, degree: 0.2, betweenness: 0.05, influence: 0.14,
    influenceRank: id, committeeDistance: 2, cluster: 0, x: id * 40, y: (id % 3) * 40, ...over,
  };
}

const WORKERS: MapWorker[] = [
  mw(1, "Ana Peña", "Picking", "Night", 1, { committee: true, committeeDistance: 0, influence: 0.3, influenceRank: 1 }),
  mw(2, "Bo Chen", "Picking", "Day", 2, { committeeDistance: 1 }),
  mw(3, "Chidi Okafor", "Packing", "Day", 3),
  mw(4, "Dee Ruiz", "Packing", "Night", null, { committeeDistance: 1 }),
  mw(5, "Eli Moss", "Shipping", "Day", 5, { cluster: 1, influenceRank: 2 }),
  mw(6, "Fay Wong", "Shipping", "Night", 4, { cluster: 1, committeeDistance: 3 }),
  mw(7, "Gus Boss", "Shipping", "Day", null, { supervisor: true, influence: 0, influenceRank: null, committeeDistance: null, cluster: null }),
  mw(8, "Hana Ito", "Shipping", "Day", 3, { cluster: 2, committeeDistance: null }),
];

const REASONS: LeaderReason[] = [
  { kind: "bridges", groups: ["Picking", "Night shift"] },
  { kind: "knows", count: 12 },
  { kind: "sways", count: 3 },
  { kind: "central", percentile: 5 },
];

const ANALYSIS: MapAnalysis = {
  campaignId: 1,
  workers: WORKERS,
  ties: [
    { id: 101, source: 1, target: 2, kind: "friends", strength: 3 },
    { id: 102, source: 2, target: 3, kind: "same_crew", strength: 2 },
    { id: 103, source: 3, target: 4, kind: "carpool", strength: 1 },
    { id: 104, source: 5, target: 6, kind: "influence", strength: 2 },
    { id: 105, source: 3, target: 5, kind: "friends", strength: 2 },
    { id: 106, source: 7, target: 2, kind: "supervises", strength: 2 },
    { id: 107, source: 1, target: 4, kind: "mentor", strength: 3 },
  ],
  leaders: [
    { workerId: 1, influence: 0.3, reasons: [REASONS[0]!] },
    { workerId: 2, influence: 0.2, reasons: [REASONS[1]!, REASONS[2]!] },
    { workerId: 5, influence: 0.16, reasons: [REASONS[3]!] },
  ],
  coverage: {
    unitWorkers: 7,
    committee: 1,
    uncovered: [6, 8, 3, 5],
    unreachable: 1,
    departments: [
      { name: "Picking", workers: 2, committee: 1, needed: 1, uncovered: 0 },
      { name: "Packing", workers: 2, committee: 0, needed: 1, uncovered: 1 },
      { name: "Shipping", workers: 3, committee: 0, needed: 1, uncovered: 3 },
    ],
    shifts: [
      { name: "Day", workers: 4, committee: 0, needed: 1, uncovered: 3 },
      { name: "Night", workers: 3, committee: 1, needed: 1, uncovered: 1 },
    ],
    nextRecruits: [
      { workerId: 3, covers: [3, 5] },
      { workerId: 6, covers: [6] },
    ],
  },
  clusters: [
    { index: 0, size: 4, committee: 1, department: "Picking", shift: "Day", hub: 1 },
    { index: 1, size: 2, committee: 0, department: "Shipping", shift: "Day", hub: 5 },
    { index: 2, size: 1, committee: 0, department: "Shipping", shift: "Day", hub: 8 },
  ],
  antiUnion: [{ workerId: 5, assessment: 5, influence: 0.16, influenceRank: 2, reaches: [3, 6] }],
  modularity: 0.42,
};

const PATH: WarmPath = { workers: [1, 2, 3], ties: [101, 102], cost: 3 };

type Call = { cmd: string; args: Record<string, unknown>; headers?: Record<string, string> };

function detail(id: number): WorkerDetail {
  const w = WORKERS.find((x) => x.id === id) ?? WORKERS[0]!;
  return {
    worker: {
      id, campaignId: 1, assessment: w.assessment, committee: w.committee, cardStale: false, workEmails: [], updatedAt: "2025-10-01T00:00:00Z",
      employeeId: null, legalName: w.name, preferredName: "", pronouns: "", phones: [], emails: [], address: "", department: w.department,
      shift: w.shift, jobTitle: "", hireDate: null, languages: "", notes: "", tags: [], custom: {}, isSupervisor: w.supervisor,
      cardSignedOn: null, status: "active",
    },
    assessments: [],
    conversations: [],
    committeeTerms: [],
  };
}

function backend(opts: { analysis?: MapAnalysis; exportPath?: string | null; relationships?: Relationship[]; partialFirst?: boolean } = {}) {
  const calls: Call[] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    if (!ArrayBuffer.isView(raw)) calls.push({ cmd, args });
    switch (cmd) {
      case "vault_status":
        return INFO;
      case "campaign_list":
        return [CAMPAIGN];
      case "follow_ups":
        return [];
      case "worker_list":
        return { rows: [], counts: { total: 0, byAssessment: [0, 0, 0, 0, 0, 0], committee: 0, cardsSigned: 0, cardsStale: 0, followUpsOverdue: 0 } };
      case "map_analysis_packed":
        if (opts.partialFirst && args.wait === false) {
          const a = opts.analysis ?? ANALYSIS;
          return packMap({ ...a, leaders: [], workers: a.workers.map((w) => ({ ...w, betweenness: 0 })) }, false);
        }
        return packMap(opts.analysis ?? ANALYSIS);
      case "map_warm_path":
        return PATH;
      case "relationship_add": {
        const input = args.input as Relationship;
        return { ...input, id: 900, createdAt: "2025-10-02T00:00:00Z" };
      }
      case "relationships_of":
        return opts.relationships ?? [];
      case "relationship_remove":
        return null;
      case "worker_detail":
        return detail(args.id as number);
      case "map_export_save":
        return opts.exportPath === undefined ? "/home/me/map.png" : opts.exportPath;
      default:
        return null;
    }
  });
  // The export sends raw bytes with its arguments in a header: record both.
  const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: (c: string, a: unknown, o?: { headers?: Record<string, string> }) => Promise<unknown> } }).__TAURI_INTERNALS__;
  const inner = internals.invoke;
  internals.invoke = (cmd, body, options) => {
    if (ArrayBuffer.isView(body)) calls.push({ cmd, args: { body }, headers: options?.headers });
    return inner(cmd, body, options);
  };
  return calls;
}

const count = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).length;

async function openMap(calls: Call[]) {
  const user = userEvent.setup();
  render(App);
  await screen.findByTestId("app-shell");
  await user.click(screen.getByTestId("nav-map"));
  await screen.findByTestId("map-canvas");
  await waitFor(() => expect(count(calls, "map_analysis_packed")).toBe(1));
  return user;
}

afterEach(() => {
  setLang("en");
  fake.state.zoom = 1;
});

describe("map panels", () => {
  it("draws every worker and tie in one batch and reports the first render", async () => {
    // jsdom has no ResizeObserver; the map's own (which replaces Cytoscape's) needs one.
    vi.stubGlobal("ResizeObserver", class { observe() {} disconnect() {} });
    const calls = backend();
    await openMap(calls);
    expect(calls.find((c) => c.cmd === "map_analysis_packed")!.args).toEqual({ campaignId: 1, wait: false });
    const opts = fake.state.options!;
    expect((opts.elements as unknown[]).length).toBe(WORKERS.length + ANALYSIS.ties.length);
    expect(opts.layout).toMatchObject({ name: "preset" });
    expect(opts.motionBlur).toBe(false);
    // Cytoscape's own size observers would redraw everything once more right after the first frame.
    expect(fake.state.observers.resize).toBeGreaterThan(0);
    expect(fake.state.observers.style).toBeGreaterThan(0);
    const canvas = screen.getByTestId("map-canvas");
    await waitFor(() => expect(canvas).toHaveAttribute("data-render-ms"));
    expect(canvas).toHaveAttribute("data-nodes", "8");
    expect(canvas).toHaveAttribute("data-edges", "7");
    expect(screen.getByTestId("section-map")).toHaveTextContent("8 coworkers · 7 ties");
    vi.unstubAllGlobals();
  });

  it("lists leaders with worded reasons, coverage against 1:10, recruits, clusters and anti-union influence", async () => {
    const calls = backend();
    const user = await openMap(calls);

    const leaders = screen.getByTestId("map-panel-leaders");
    const rows = within(leaders).getAllByTestId("map-leader");
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent("Ana Peña");
    expect(rows[0]).toHaveTextContent("Bridges Picking and Night shift");
    expect(rows[1]).toHaveTextContent("Knows 12 coworkers · Sways 3 coworkers");
    expect(rows[2]).toHaveTextContent("In the top 5% by influence");

    // A list item shows the worker on the map: the card with their figures.
    await user.click(rows[0]!);
    const card = await screen.findByTestId("map-card");
    expect(card).toHaveTextContent("Ana Peña");
    expect(within(card).getByTestId("map-card-distance")).toHaveTextContent("On the committee");
    expect(within(card).getByTestId("map-card-rank")).toHaveTextContent("#1 of 7");
    expect(fake.state.elements.get("1")!.classes).toContain("sel");
    expect(fake.state.elements.get("2")!.classes).toContain("hl");
    expect(fake.state.elements.get("6")!.classes).toContain("dim");
    // Esc clears the selection and the highlight.
    await fireEvent.keyDown(window, { key: "Escape" });
    await waitFor(() => expect(screen.queryByTestId("map-card")).not.toBeInTheDocument());
    expect(fake.state.elements.get("6")!.classes).not.toContain("dim");

    await user.click(screen.getByTestId("map-tab-uncovered"));
    const uncovered = await screen.findByTestId("map-panel-uncovered");
    expect(within(uncovered).getByTestId("map-coverage-summary")).toHaveTextContent("3 of 7 coworkers covered (43%)");
    const deptRows = within(within(uncovered).getByTestId("map-coverage-dept")).getAllByTestId("map-coverage-row");
    expect(deptRows.map((r) => r.dataset.below)).toEqual(["false", "true", "true"]);
    expect(deptRows[1]).toHaveTextContent("⚠");
    expect(within(uncovered).getAllByTestId("map-uncovered")).toHaveLength(4);

    await user.click(screen.getByTestId("map-tab-recruit"));
    const recruits = within(await screen.findByTestId("map-panel-recruits")).getAllByTestId("map-recruit");
    expect(recruits[0]).toHaveTextContent("Chidi Okafor");
    expect(recruits[0]).toHaveTextContent("+2");
    await user.click(recruits[0]!);
    expect(fake.state.elements.get("5")!.classes).toContain("hl");
    expect(fake.state.elements.get("3")!.classes).toContain("sel");

    await user.click(screen.getByTestId("map-tab-clusters"));
    const clusters = within(await screen.findByTestId("map-panel-clusters")).getAllByTestId("map-cluster");
    expect(clusters).toHaveLength(2); // the one-person cluster is counted apart
    expect(clusters[1]).toHaveTextContent("⚠");
    expect(clusters[1]).toHaveAttribute("data-committee", "0");
    expect(screen.getByTestId("map-panel-clusters")).toHaveTextContent("1 coworkers have no ties yet.");

    await user.click(screen.getByTestId("map-tab-anti"));
    const anti = within(await screen.findByTestId("map-panel-anti")).getAllByTestId("map-anti");
    expect(anti[0]).toHaveTextContent("Eli Moss");
    expect(anti[0]).toHaveTextContent("Reaches 2: Chidi Okafor and Fay Wong");
  });

  it("words leader reasons in English and Spanish", async () => {
    setLang("en");
    expect(REASONS.map(reasonText)).toEqual([
      "Bridges Picking and Night shift",
      "Knows 12 coworkers",
      "Sways 3 coworkers",
      "In the top 5% by influence",
    ]);
    setLang("es");
    expect(REASONS.map(reasonText)).toEqual([
      "Conecta Picking y Night shift",
      "Conoce a 12 compañeros",
      "Influye en 3 compañeros",
      "Entre el 5% más influyente",
    ]);
    expect(reasonText({ kind: "bridges", groups: ["Picking", "Packing", "Night"] })).toBe("Conecta Picking, Packing y Night");

    const calls = backend();
    await openMap(calls);
    expect(within(screen.getByTestId("map-panel-leaders")).getAllByTestId("map-leader")[1]).toHaveTextContent("Conoce a 12 compañeros · Influye en 3 compañeros");
  });

  it("dims the workers outside a department filter", async () => {
    const calls = backend();
    const user = await openMap(calls);
    await user.selectOptions(screen.getByTestId("map-filter-department"), "Shipping");
    expect(screen.getByTestId("map-shown")).toHaveTextContent("4 of 8");
    expect(fake.state.elements.get("1")!.classes).toContain("dim");
    expect(fake.state.elements.get("5")!.classes).not.toContain("dim");
    expect(fake.state.elements.get("e101")!.classes).toContain("dim");
    expect(fake.state.elements.get("e104")!.classes).not.toContain("dim");
  });

  it("the search focuses a worker by name (Enter) and / focuses the search", async () => {
    const calls = backend();
    const user = await openMap(calls);
    await fireEvent.keyDown(window, { key: "/" });
    const input = screen.getByTestId("map-search");
    expect(input).toHaveFocus();
    await user.type(input, "pena{Enter}");
    expect(await screen.findByTestId("map-card")).toHaveTextContent("Ana Peña");
  });
});

describe("warm path", () => {
  it("asks map_warm_path from the committee, then from a chosen start, and shows the chain", async () => {
    const calls = backend();
    const user = await openMap(calls);
    await user.click(screen.getByTestId("map-tab-path"));
    await user.type(await screen.findByTestId("map-path-target"), "chidi{Enter}");
    await waitFor(() => expect(count(calls, "map_warm_path")).toBe(1));
    expect(calls.find((c) => c.cmd === "map_warm_path")!.args).toEqual({ campaignId: 1, from: null, to: 3 });
    const result = await screen.findByTestId("map-path-result");
    expect(result).toHaveTextContent("2 ties from Ana Peña to Chidi Okafor");
    const steps = screen.getAllByTestId("map-path-step");
    expect(steps.map((s) => s.dataset.wid)).toEqual(["1", "2", "3"]);
    expect(steps[0]).toHaveTextContent("Friends · strong");
    expect(fake.state.elements.get("e102")!.classes).toContain("hl");

    await user.type(screen.getByTestId("map-path-from"), "fay{Enter}");
    await waitFor(() => expect(count(calls, "map_warm_path")).toBe(2));
    expect(calls.filter((c) => c.cmd === "map_warm_path")[1]!.args).toEqual({ campaignId: 1, from: 6, to: 3 });
  });
});

describe("drawing a tie", () => {
  it("a Shift+drag from one worker to another opens the dialog; saving calls relationship_add and reloads the map", async () => {
    const calls = backend();
    const user = await openMap(calls);
    const created = fake.state.created;
    const a = fake.state.elements.get("1")!;
    const b = fake.state.elements.get("4")!;
    fake.emit("tapstart", a, { originalEvent: { shiftKey: true } });
    fake.emit("tapdrag", fake.state.core, { renderedPosition: { x: 50, y: 60 } });
    fake.emit("tapend", b);

    const dialog = await screen.findByTestId("connect-dialog");
    expect(within(dialog).getByTestId("connect-sentence")).toHaveTextContent("Ana Peña and Dee Ruiz: same crew");
    await user.click(within(dialog).getByTestId("connect-kind-mentor"));
    expect(within(dialog).getByTestId("connect-sentence")).toHaveTextContent("Ana Peña mentors Dee Ruiz");
    await user.click(within(dialog).getByTestId("connect-swap"));
    expect(within(dialog).getByTestId("connect-sentence")).toHaveTextContent("Dee Ruiz mentors Ana Peña");
    await user.click(within(dialog).getByTestId("connect-strength-3"));
    await user.click(within(dialog).getByTestId("connect-save"));

    await waitFor(() => expect(count(calls, "relationship_add")).toBe(1));
    expect(calls.find((c) => c.cmd === "relationship_add")!.args).toEqual({
      input: { workerA: 4, workerB: 1, kind: "mentor", strength: 3, since: null, notes: "" },
    });
    await waitFor(() => expect(screen.queryByTestId("connect-dialog")).not.toBeInTheDocument());
    // The analysis reloads into the same map (same viewport: no new Cytoscape core).
    await waitFor(() => expect(count(calls, "map_analysis_packed")).toBe(2));
    // A reload of the map in view waits for the whole analysis (one update, no second core).
    expect(calls.filter((c) => c.cmd === "map_analysis_packed")[1]!.args).toEqual({ campaignId: 1, wait: true });
    expect(fake.state.created).toBe(created);
    expect(await screen.findByText(/Tie recorded: Dee Ruiz mentors Ana Peña/)).toBeInTheDocument();
  });

  it("C toggles Connect mode; a refused tie shows the reason in the dialog", async () => {
    const calls = backend();
    await openMap(calls);
    await fireEvent.keyDown(window, { key: "c" });
    expect(screen.getByTestId("map-connect")).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByTestId("map-connect-banner")).toBeInTheDocument();
    await fireEvent.keyDown(window, { key: "Escape" });
    expect(screen.getByTestId("map-connect")).toHaveAttribute("aria-pressed", "false");

    mockIPC((cmd) => {
      if (cmd === "relationship_add") throw { code: "invalid_input", message: "Ana Peña and Bo Chen are already recorded as friends." };
      return null;
    });
    await fireEvent.keyDown(window, { key: "c" });
    fake.emit("tapstart", fake.state.elements.get("1")!, { originalEvent: { shiftKey: false } });
    fake.emit("tapend", fake.state.elements.get("2")!);
    const dialog = await screen.findByTestId("connect-dialog");
    await fireEvent.click(within(dialog).getByTestId("connect-save"));
    expect(await within(dialog).findByTestId("connect-error")).toHaveTextContent("already recorded as friends");
    expect(screen.getByTestId("connect-dialog")).toBeInTheDocument();
  });

  it("saves dragged positions (debounced, in one call)", async () => {
    const calls = backend();
    await openMap(calls);
    const n1 = fake.state.elements.get("1")!;
    const n2 = fake.state.elements.get("2")!;
    n1.position = () => ({ x: 12.34, y: 56 });
    n2.position = () => ({ x: 7, y: 8 });
    fake.emit("dragfree", n1);
    fake.emit("dragfree", n2);
    await waitFor(() => expect(count(calls, "map_save_positions")).toBe(1), { timeout: 2000 });
    expect(calls.find((c) => c.cmd === "map_save_positions")!.args).toEqual({
      campaignId: 1,
      positions: [
        { workerId: 1, x: 12.3, y: 56 },
        { workerId: 2, x: 7, y: 8 },
      ],
    });
  });

  it("reset layout asks first, then forgets the positions and draws the map again", async () => {
    const calls = backend();
    const user = await openMap(calls);
    const created = fake.state.created;
    await user.click(screen.getByTestId("map-reset"));
    await screen.findByTestId("map-reset-confirm");
    expect(count(calls, "map_reset_layout")).toBe(0);
    await user.click(screen.getByTestId("map-reset-confirm-confirm"));
    await waitFor(() => expect(count(calls, "map_reset_layout")).toBe(1));
    expect(calls.find((c) => c.cmd === "map_reset_layout")!.args).toEqual({ campaignId: 1 });
    await waitFor(() => expect(fake.state.created).toBe(created + 1));
  });
});

describe("export", () => {
  it("warns that the file is not encrypted before map_export_save, and sends the image bytes", async () => {
    const calls = backend();
    const user = await openMap(calls);

    await user.click(screen.getByTestId("map-export-png"));
    const confirm = await screen.findByTestId("map-export-confirm");
    expect(confirm).toHaveTextContent("not encrypted");
    expect(count(calls, "map_export_save")).toBe(0);
    expect(fake.state.png).toBe(0);
    await user.click(within(confirm).getByTestId("map-export-confirm-cancel"));
    await waitFor(() => expect(screen.queryByTestId("map-export-confirm")).not.toBeInTheDocument());
    expect(count(calls, "map_export_save")).toBe(0);

    await user.click(screen.getByTestId("map-export-png"));
    await user.click(within(await screen.findByTestId("map-export-confirm")).getByTestId("map-export-confirm-confirm"));
    await waitFor(() => expect(count(calls, "map_export_save")).toBe(1));
    const sent = calls.find((c) => c.cmd === "map_export_save")!;
    expect(Array.from(sent.args.body as Uint8Array)).toEqual([137, 80, 78, 71]);
    const header = sent.headers?.["x-export-args"] ?? "";
    expect(header).toMatch(/^[\x20-\x7e]*$/);
    const args = JSON.parse(header) as { format: string; suggestedName: string };
    expect(args.format).toBe("png");
    expect(args.suggestedName).toMatch(/^Riverside DC map \d{4}-\d{2}-\d{2}\.png$/);
    expect(await screen.findByText("Map saved to /home/me/map.png")).toBeInTheDocument();
  });

  it("exports SVG the same way; a cancelled save dialog says nothing", async () => {
    const calls = backend({ exportPath: null });
    const user = await openMap(calls);
    await user.click(screen.getByTestId("map-export-svg"));
    await user.click(within(await screen.findByTestId("map-export-confirm")).getByTestId("map-export-confirm-confirm"));
    await waitFor(() => expect(count(calls, "map_export_save")).toBe(1));
    const sent = calls.find((c) => c.cmd === "map_export_save")!;
    expect(new TextDecoder().decode(sent.args.body as Uint8Array)).toBe("<svg/>");
    expect(JSON.parse(sent.headers!["x-export-args"]!)).toMatchObject({ format: "svg" });
    expect(screen.queryByText(/Map saved to/)).not.toBeInTheDocument();
  });
});

describe("states and the worker page", () => {
  it("explains how to draw a tie when there are none", async () => {
    const calls = backend({ analysis: { ...ANALYSIS, ties: [], leaders: [] } });
    await openMap(calls);
    expect(screen.getByTestId("map-empty")).toHaveTextContent("No ties yet");
    expect(screen.getByTestId("map-panel-leaders")).toHaveTextContent("No leaders stand out yet");
  });

  it("shows the error with its code when the analysis fails", async () => {
    mockIPC((cmd) => {
      if (cmd === "vault_status") return INFO;
      if (cmd === "campaign_list") return [CAMPAIGN];
      if (cmd === "map_analysis_packed") throw { code: "locked", message: "The vault is locked." };
      if (cmd === "follow_ups") return [];
      return null;
    });
    const user = userEvent.setup();
    render(App);
    await screen.findByTestId("app-shell");
    await user.click(screen.getByTestId("nav-map"));
    expect(await screen.findByTestId("map-error")).toHaveAttribute("data-code", "locked");
  });

  it("Open worker shows the worker page with its ties; back returns to the same map", async () => {
    const rel: Relationship = { id: 101, workerA: 1, workerB: 2, kind: "friends", strength: 3, since: null, notes: "", createdAt: "2025-10-01T00:00:00Z" };
    const mentor: Relationship = { id: 107, workerA: 1, workerB: 4, kind: "mentor", strength: 3, since: null, notes: "", createdAt: "2025-10-01T00:00:00Z" };
    const calls = backend({ relationships: [rel, mentor] });
    const user = await openMap(calls);
    const created = fake.state.created;
    await user.click(within(screen.getByTestId("map-panel-leaders")).getAllByTestId("map-leader")[0]!);
    await user.click(await screen.findByTestId("map-card-open"));

    const page = await screen.findByTestId("worker-page");
    const ties = await within(page).findByTestId("worker-ties");
    await waitFor(() => expect(within(ties).getAllByTestId("tie-row")).toHaveLength(2));
    expect(within(ties).getAllByTestId("tie-row")[0]).toHaveTextContent("Friends");
    await waitFor(() => expect(within(ties).getAllByTestId("tie-row")[0]).toHaveTextContent("Bo Chen"));
    expect(within(ties).getAllByTestId("tie-row")[1]).toHaveTextContent("Mentors");
    expect(calls.find((c) => c.cmd === "relationships_of")!.args).toEqual({ workerId: 1 });

    await user.click(within(ties).getAllByTestId("tie-remove")[0]!);
    await screen.findByTestId("tie-remove-confirm");
    expect(count(calls, "relationship_remove")).toBe(0);
    await user.click(screen.getByTestId("tie-remove-confirm-confirm"));
    await waitFor(() => expect(count(calls, "relationship_remove")).toBe(1));
    expect(calls.find((c) => c.cmd === "relationship_remove")!.args).toEqual({ id: 101 });
    await waitFor(() => expect(screen.queryByTestId("tie-remove-confirm")).not.toBeInTheDocument());

    await user.click(screen.getByTestId("worker-back"));
    expect(screen.getByTestId("section-map")).toBeVisible();
    expect(fake.state.created).toBe(created);
  });
});

describe("large maps", () => {
  it("draw the workers at once and the ties on demand: highlighted, or around the view when zoomed in", async () => {
    const many: MapAnalysis["ties"] = Array.from({ length: 3200 }, (_, i) => ({
      id: 1000 + i, source: WORKERS[i % 6]!.id, target: WORKERS[(i + 1) % 6]!.id, kind: "same_crew", strength: 2,
    }));
    const big: MapAnalysis = { ...ANALYSIS, ties: [...ANALYSIS.ties, ...many] };
    fake.state.zoom = 0.1; // the whole map in view
    const calls = backend({ analysis: big });
    const user = await openMap(calls);
    const opts = fake.state.options!;
    expect((opts.elements as unknown[]).length).toBe(WORKERS.length);
    expect(opts).toMatchObject({ textureOnViewport: true, hideEdgesOnViewport: true, motionBlur: false });
    const canvas = screen.getByTestId("map-canvas");
    await waitFor(() => expect(canvas).toHaveAttribute("data-render-ms"));
    expect(canvas).toHaveAttribute("data-nodes", "8");
    expect(canvas).toHaveAttribute("data-edges", String(big.ties.length));
    expect(canvas).toHaveAttribute("data-edges-drawn", "0");
    expect(screen.getByTestId("map-lod-hint")).toHaveTextContent("Zoom in to see the ties");

    // Showing a leader draws their ties (highlighted), and only those.
    await user.click(within(screen.getByTestId("map-panel-leaders")).getAllByTestId("map-leader")[0]!);
    await waitFor(() => expect(fake.state.elements.get("e101")?.classes).toContain("hl"));
    expect(fake.state.elements.get("e107")!.classes).toEqual(["dir", "mentor", "hl"]);
    expect(fake.state.elements.has("e104")).toBe(false);

    // Zoomed in, the ties around the view are drawn (capped), and the hint goes.
    fake.state.zoom = 1;
    fake.emit("viewport", fake.state.core);
    await waitFor(() => expect(fake.state.elements.has("e104")).toBe(true), { timeout: 2000 });
    expect([...fake.state.elements.keys()].filter((k) => k.startsWith("e")).length).toBe(big.ties.length);
    await waitFor(() => expect(screen.queryByTestId("map-lod-hint")).not.toBeInTheDocument());
  });
});

describe("the packed map", () => {
  it("reads the bytes the library packs (ui/src/tests/map-wire.bin, written by tests/map.rs) into the same analysis", async () => {
    // Node's fs (this runs in vitest's Node; the UI has no Node typings), from ui/ (package.json).
    const fsName = "node:fs";
    const { readFileSync } = (await import(/* @vite-ignore */ fsName)) as { readFileSync(path: string): Uint8Array };
    const fixture = JSON.parse(new TextDecoder().decode(readFileSync("src/tests/map-wire.json"))) as MapAnalysis;
    const bin = readFileSync("src/tests/map-wire.bin");
    const buffer = new Uint8Array(bin).buffer; // a copy: its own ArrayBuffer, aligned
    const got = unpackMap(buffer);
    expect(got.complete).toBe(true);
    expect(got.analysis).toEqual(fixture);
    // Unicode names, empty groups, ids up to 2^53 − 1, every kind, nulls.
    expect(got.analysis.workers.at(-1)).toMatchObject({ id: 9007199254740991, name: "Hana Itō 伊藤", shift: "", committeeDistance: null });
    expect(got.analysis.workers.find((w) => w.supervisor)).toMatchObject({ assessment: null, influenceRank: null, cluster: null });
    // The test packer (used by the mocks here) agrees with the library.
    expect(unpackMap(packMap(fixture))).toEqual(got);
    expect(unpackMap(packMap(fixture, false)).complete).toBe(false);
  });

  it("refuses a damaged buffer", () => {
    const good = packMap(ANALYSIS);
    expect(() => unpackMap(good.slice(0, good.byteLength - 1))).toThrow(/damaged/);
    expect(() => unpackMap(new ArrayBuffer(8))).toThrow(/damaged/);
    const bad = new Uint8Array(good.slice(0));
    bad[0] = 0;
    expect(() => unpackMap(bad.buffer)).toThrow(/signature/);
  });

  it("draws the map before the leaders, then adds them without a new core", async () => {
    const calls = backend({ partialFirst: true });
    const user = userEvent.setup();
    render(App);
    await screen.findByTestId("app-shell");
    await user.click(screen.getByTestId("nav-map"));
    await waitFor(() => expect(screen.getByTestId("map-canvas")).toHaveAttribute("data-render-ms"));
    const created = fake.state.created;
    expect((fake.state.options!.elements as unknown[]).length).toBe(WORKERS.length + ANALYSIS.ties.length);
    await waitFor(() => expect(count(calls, "map_analysis_packed")).toBe(2));
    expect(calls.filter((c) => c.cmd === "map_analysis_packed").map((c) => c.args.wait)).toEqual([false, true]);
    const rows = await within(screen.getByTestId("map-panel-leaders")).findAllByTestId("map-leader");
    expect(rows[0]).toHaveTextContent("Ana Peña");
    expect(screen.queryByTestId("map-leaders-pending")).not.toBeInTheDocument();
    expect(fake.state.created).toBe(created);
  });

  it("says the leaders are being worked out while they are", async () => {
    const calls = backend({ partialFirst: true });
    // The second (waiting) request never answers in this test.
    const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: (c: string, a: unknown, o?: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__;
    const inner = internals.invoke;
    internals.invoke = (cmd, args, o) =>
      cmd === "map_analysis_packed" && (args as { wait?: boolean }).wait === true ? new Promise(() => undefined) : inner(cmd, args, o);
    const user = await openMap(calls);
    expect(await screen.findByTestId("map-leaders-pending")).toHaveTextContent("Working out influence");
    expect(screen.getByTestId("map-tab-leaders")).not.toHaveTextContent(/\d/);
    // The rest of the panels and the card work meanwhile (betweenness shows as pending).
    await user.click(screen.getByTestId("map-tab-recruit"));
    await user.click(within(await screen.findByTestId("map-panel-recruits")).getAllByTestId("map-recruit")[0]!);
    expect(await screen.findByTestId("map-card-betweenness")).toHaveTextContent("…");
  });
});

describe("graph style", () => {
  it("marks assessment, committee and supervisors by class, and directed ties with arrows", () => {
    const els = buildElements(ANALYSIS);
    const byId = new Map(els.map((e) => [e.data.id, e]));
    expect(byId.get("1")!.classes).toBe("a1 com");
    expect(byId.get("4")!.classes).toBe("a0");
    expect(byId.get("7")!.classes).toBe("sup");
    expect(byId.get("e107")!.classes).toBe("dir mentor");
    expect(byId.get("e101")!.classes).toBe("friends");
    expect(nodeClasses(WORKERS[4]!)).toBe("a5");
    const style = buildStyle(LIGHT);
    const rule = (sel: string) => style.find((r) => r.selector === sel) as { style: Record<string, unknown> } | undefined;
    expect(rule("node.a1")!.style["background-color"]).toBe("#1e6f43");
    expect(rule("node.a0")!.style["border-style"]).toBe("dashed");
    expect(rule("node.com")!.style.shape).toBe("star");
    expect(rule("node.sup")!.style.shape).toBe("rectangle");
    expect(rule("edge.dir")!.style["target-arrow-shape"]).toBe("triangle");
    expect(rule("node")!.style["min-zoomed-font-size"]).toBeGreaterThan(0);
    // Large maps: names and every text property only on the workers labelled (in view when
    // zoomed in, highlighted, selected), not on all of them; a picture names everyone.
    const lod = buildStyle(LIGHT, { lod: true });
    const lodRule = (sel: string) => lod.find((r) => r.selector === sel) as { style: Record<string, unknown> } | undefined;
    expect(Object.keys(lodRule("node")!.style).filter((k) => /^(label|font|text|min-zoomed|color$)/.test(k))).toEqual([]);
    expect(lodRule("node.lbl, node.hl, node.sel")!.style).toMatchObject({ label: "data(label)", "font-size": 10, "text-valign": "bottom" });
    const picture = buildStyle(LIGHT, { lod: true, allLabels: true });
    expect((picture.find((r) => r.selector === "node") as unknown as { style: Record<string, unknown> }).style).toMatchObject({ label: "data(label)", "min-zoomed-font-size": 0 });
  });
});
