// Forms that autosave a draft into the vault register a flush here, so that locking (Ctrl/Cmd+L)
// writes what was typed in the last moments before the vault closes. Drafts go only to the vault
// (draft_save), never to the WebView's storage.

type Flush = () => Promise<unknown>;

const flushes = new Set<Flush>();

/** Register `flush`; returns the function that unregisters it. */
export function registerDraft(flush: Flush): () => void {
  flushes.add(flush);
  return () => {
    flushes.delete(flush);
  };
}

/** Write every pending draft now; never rejects, and gives up after `timeoutMs`. */
export async function flushDrafts(timeoutMs = 1500): Promise<void> {
  if (flushes.size === 0) return;
  const all = Promise.allSettled([...flushes].map((f) => f()));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  await Promise.race([all, late]);
  clearTimeout(timer);
}
