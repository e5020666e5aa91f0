// What the export screens send, built from what the organizer ticked. Pure functions, so the rules
// (nothing leaves unless picked; keys OR a passphrase, never both) are tested without a screen.
import type { BundleSelection, DraftPick, ExportProtection } from "../../lib/bindings";

/** The organizer's picks in step 1 of "Send to counsel". */
export type Picks = {
  /** Affidavit draft id → the version to send (null: the newest). Only ticked drafts are keys. */
  drafts: Map<number, number | null>;
  pdf: boolean;
  docx: boolean;
  incidents: Set<number>;
  evidence: boolean;
  contacts: boolean;
  assessments: boolean;
  conversations: boolean;
  map: boolean;
};

export function emptyPicks(): Picks {
  return {
    drafts: new Map(),
    pdf: true,
    docx: false,
    incidents: new Set(),
    evidence: false,
    contacts: false,
    assessments: false,
    conversations: false,
    map: false,
  };
}

/** Something that can go: at least one draft (in at least one format) or one incident. */
export function picksReady(p: Picks): boolean {
  const drafts = p.drafts.size > 0 && (p.pdf || p.docx);
  const formatsOk = p.drafts.size === 0 || p.pdf || p.docx;
  return formatsOk && (drafts || p.incidents.size > 0);
}

/** The `BundleSelection` for `export_preview` and `export_bundle`: exactly what was ticked. */
export function toSelection(campaignId: number, p: Picks): BundleSelection {
  const affidavits: DraftPick[] = [...p.drafts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([id, version]) => ({ id, version }));
  return {
    campaignId,
    affidavits,
    pdf: p.pdf,
    docx: p.docx,
    incidents: [...p.incidents].sort((a, b) => a - b),
    evidence: p.incidents.size > 0 && p.evidence,
    contacts: p.contacts,
    assessments: p.assessments,
    conversations: p.conversations,
    map: p.map,
  };
}

export type ProtectionMode = "keys" | "passphrase";

/** The protection form. Only the side of `mode` is ever sent; switching side clears the secret. */
export type ProtectionDraft = {
  mode: ProtectionMode;
  counselKeys: number[];
  /** Pasted public keys, one per line. */
  pasted: string;
  passphrase: string;
  confirm: string;
  armor: boolean;
};

export function emptyProtection(): ProtectionDraft {
  return { mode: "keys", counselKeys: [], pasted: "", passphrase: "", confirm: "", armor: false };
}

export type PastedKeys = {
  keys: string[];
  /** 1-based line numbers that are not a public key. */
  bad: number[];
  /** A secret key was pasted (it must never be used here). */
  secret: boolean;
};

const PUBLIC_KEY = /^(age1[0-9a-z]{20,}|ssh-ed25519 \S+|ssh-rsa \S+)(\s.*)?$/;

/** Read the pasted keys: blank lines and `#` comments are skipped; the backend checks each key. */
export function parsePasted(text: string): PastedKeys {
  const keys: string[] = [];
  const bad: number[] = [];
  let secret = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    if (/^AGE-SECRET-KEY-/i.test(line) || /PRIVATE KEY/.test(line)) {
      secret = true;
      bad.push(i + 1);
      return;
    }
    if (PUBLIC_KEY.test(line)) keys.push(line);
    else bad.push(i + 1);
  });
  return { keys, bad, secret };
}

/** Ready to export: keys chosen and every pasted line a public key, or a confirmed, strong passphrase. */
export function protectionReady(d: ProtectionDraft, acceptable: boolean): boolean {
  if (d.mode === "passphrase") return d.passphrase.length > 0 && d.passphrase === d.confirm && acceptable;
  const pasted = parsePasted(d.pasted);
  return pasted.bad.length === 0 && d.counselKeys.length + pasted.keys.length > 0;
}

/** The `ExportProtection` sent: public keys OR a passphrase, never both (age never mixes them). */
export function toProtection(d: ProtectionDraft): ExportProtection {
  if (d.mode === "passphrase") return { counselKeys: [], recipients: [], passphrase: d.passphrase, armor: d.armor };
  return { counselKeys: [...d.counselKeys], recipients: parsePasted(d.pasted).keys, passphrase: null, armor: d.armor };
}

/** YYYY-MM-DD in local time, for file names. */
export function stamp(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** File names proposed in the save dialog: no one's name in them. */
export const bundleName = (now: Date = new Date()): string => `counsel-bundle-${stamp(now)}.age`;
export const redactedMapName = (now: Date = new Date()): string => `map-redacted-${stamp(now)}.age`;
export const backupName = (vault: string, now: Date = new Date()): string => {
  const safe = vault.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "vault";
  return `${safe}-${stamp(now)}.fieldbook-backup.age`;
};

/** The last part of a path (either separator). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** Shell-quote a file name for the steps counsel copies (single quotes when needed). */
function quote(name: string): string {
  return /^[\w.,@%+=:-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`;
}

/** The commands counsel runs to open the bundle and check every file (`sums`: it has a SHA256SUMS). */
export function verifyCommands(path: string, mode: ProtectionMode, sums = true): string[] {
  const file = quote(baseName(path));
  const open = mode === "passphrase" ? `age -d -o bundle.tar ${file}` : `age -d -i key.txt -o bundle.tar ${file}`;
  const cli = mode === "passphrase" ? `fieldbook verify-bundle ${file} --passphrase-stdin` : `fieldbook verify-bundle ${file} -i key.txt`;
  return [`${open} && tar -xf bundle.tar${sums ? " && sha256sum -c SHA256SUMS" : ""}`, cli];
}

/** Percent of a progress report, 0–100 (a total of 0 is unknown: 0). */
export function percent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((done / total) * 100)));
}
