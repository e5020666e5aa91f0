// Uploading an evidence file into the vault in parts: never the whole file in one IPC message,
// and never the whole file in memory: each part is read with File.slice() just before it is sent
// (a 200 MiB video is read 4 MiB at a time). begin → chunk… (in order, each at the offset the
// library has received so far) → finish; cancel (or an error) → evidence_upload_cancel.
import { evidenceUploadBegin, evidenceUploadCancel, evidenceUploadChunk, evidenceUploadFinish } from "../../lib/api";
import type { Evidence } from "../../lib/bindings";

/** The largest part sent, whatever the library allows (its limit is 4 MiB). */
export const MAX_PART = 4 * 1024 * 1024;
/** Files up to this size are hashed here first (Web Crypto needs the whole file in memory) so the
 *  library checks the stored bytes against it; larger ones are hashed by the library alone. */
export const HASH_LIMIT = 16 * 1024 * 1024;

export type UploadOptions = {
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
  /** Override the part size (tests). */
  partSize?: number;
  hashLimit?: number;
};

export class UploadCancelled extends Error {
  constructor() {
    super("upload cancelled");
    this.name = "UploadCancelled";
  }
}

/** The bytes of a blob (File.slice() part), with a FileReader fallback. */
export async function readBytes(blob: Blob): Promise<Uint8Array<ArrayBuffer>> {
  if (typeof blob.arrayBuffer === "function") return new Uint8Array(await blob.arrayBuffer());
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer));
    r.onerror = () => reject(r.error);
    r.readAsArrayBuffer(blob);
  });
}

/** Lowercase hex SHA-256 of a small file, or null when Web Crypto is not available. */
export async function sha256Hex(file: Blob): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  try {
    const digest = await subtle.digest("SHA-256", await readBytes(file));
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  } catch {
    return null;
  }
}

/**
 * Upload `file` to an incident. Resolves to the stored evidence; rejects with UploadCancelled
 * when `signal` aborts (the unfinished upload is discarded) or with the library's AppError.
 */
export async function uploadEvidence(incidentId: number, file: File, opts: UploadOptions = {}): Promise<Evidence> {
  const { onProgress, signal } = opts;
  const aborted = () => signal?.aborted === true;
  if (aborted()) throw new UploadCancelled();
  const sha256 = file.size <= (opts.hashLimit ?? HASH_LIMIT) ? await sha256Hex(file) : null;
  if (aborted()) throw new UploadCancelled();
  const { uploadId, maxChunkBytes } = await evidenceUploadBegin({
    incidentId,
    fileName: file.name,
    mediaType: file.type,
    size: file.size,
    sha256,
  });
  const part = Math.max(1, Math.min(opts.partSize ?? MAX_PART, maxChunkBytes || MAX_PART));
  try {
    let offset = 0;
    onProgress?.(0, file.size);
    while (offset < file.size) {
      if (aborted()) throw new UploadCancelled();
      const bytes = await readBytes(file.slice(offset, Math.min(file.size, offset + part)));
      if (aborted()) throw new UploadCancelled();
      const received = await evidenceUploadChunk(bytes, { uploadId, offset });
      offset = typeof received === "number" && received > offset ? received : offset + bytes.length;
      onProgress?.(offset, file.size);
    }
    if (aborted()) throw new UploadCancelled();
    return await evidenceUploadFinish(uploadId);
  } catch (err) {
    // Cancelled or refused: discard what was sent (a failure to do so is harmless: the next
    // upload or unlock discards it too).
    await evidenceUploadCancel(uploadId).catch(() => undefined);
    throw err;
  }
}
