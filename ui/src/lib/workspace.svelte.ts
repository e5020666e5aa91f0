// The unlocked shell's working state, in memory only: the current campaign, what is open, the
// data version (bumped after every change so lists reload), and toasts. One instance per
// unlocked session (the Shell creates it); locking drops it with the rest of the UI.
import { getContext, setContext } from "svelte";
import type { Campaign, WorkerRow } from "./types";

export type Toast = { id: number; text: string; kind: "ok" | "error" };

/** A worker picked in the command bar (or anywhere) for the log form. */
export type WorkerRef = Pick<WorkerRow, "id" | "name" | "department" | "shift" | "jobTitle" | "assessment" | "cardSignedOn">;

export class Workspace {
  campaign = $state<Campaign | null>(null);
  campaigns = $state<Campaign[]>([]);
  /** Bumped after every write: lists and pages reload when it changes. */
  version = $state(0);
  /** The organizer's name for this session (who logs and assesses); remembered in memory only. */
  organizer = $state("");
  toasts = $state<Toast[]>([]);
  private nextToast = 1;

  /** The custom fields shown as worker-table columns, per campaign (memory only). */
  private columns = $state<Record<number, string[]>>({});

  openWorker: (id: number) => void = () => {};
  logConversation: (worker: WorkerRef) => void = () => {};
  openCommandBar: () => void = () => {};

  get campaignId(): number | null {
    return this.campaign?.id ?? null;
  }

  changed(): void {
    this.version += 1;
  }

  /** Make `c` the current campaign: every screen then shows it (lists reload). */
  switchCampaign(c: Campaign): void {
    if (!this.campaigns.some((x) => x.id === c.id)) this.campaigns = [...this.campaigns, c];
    this.campaign = c;
    this.changed();
  }

  /** A campaign was saved: keep the list and the current one up to date. */
  campaignSaved(c: Campaign): void {
    const known = this.campaigns.some((x) => x.id === c.id);
    this.campaigns = known ? this.campaigns.map((x) => (x.id === c.id ? c : x)) : [...this.campaigns, c];
    if (this.campaign?.id === c.id) this.campaign = c;
    this.changed();
  }

  columnsFor(campaignId: number | null): string[] {
    return campaignId === null ? [] : (this.columns[campaignId] ?? []);
  }

  setColumns(campaignId: number | null, fields: string[]): void {
    if (campaignId !== null) this.columns = { ...this.columns, [campaignId]: [...fields] };
  }

  toast(text: string, kind: Toast["kind"] = "ok"): void {
    const id = this.nextToast++;
    this.toasts = [...this.toasts, { id, text, kind }];
    setTimeout(() => this.dismiss(id), 4000);
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }
}

const KEY = Symbol("workspace");

export function provideWorkspace(ws: Workspace): Workspace {
  return setContext(KEY, ws);
}

export function useWorkspace(): Workspace {
  const ws = getContext<Workspace | undefined>(KEY);
  if (!ws) throw new Error("useWorkspace() outside the shell");
  return ws;
}
