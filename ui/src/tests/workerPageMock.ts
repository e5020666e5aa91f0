// Answer `worker_page` in a mocked IPC from the whole list a test's backend would give for the
// same filter: restrict to the requested ids, take the page, and count the whole (restricted)
// list when asked — what the library does on a real vault (tests/workers_paging.rs).
import type { WorkerCounts, WorkerList, WorkerPage, WorkerPageRequest, WorkerRow } from "../lib/bindings";

export function countsOf(rows: readonly WorkerRow[]): WorkerCounts {
  const by: [number, number, number, number, number, number] = [0, 0, 0, 0, 0, 0];
  for (const r of rows) by[r.assessment && r.assessment >= 1 && r.assessment <= 5 ? r.assessment : 0]! += 1;
  return {
    total: rows.length,
    byAssessment: by,
    committee: rows.filter((r) => r.committee).length,
    cardsSigned: rows.filter((r) => r.cardSignedOn !== null).length,
    cardsStale: rows.filter((r) => r.cardSignedOn !== null && r.cardStale).length,
    followUpsOverdue: rows.filter((r) => r.followUpOverdue).length,
  };
}

/** The page of `list` that `request` asks for. */
export function pageOf(list: Pick<WorkerList, "rows">, request: WorkerPageRequest): WorkerPage {
  const ids = request.ids ? new Set(request.ids) : null;
  const rows = ids ? list.rows.filter((r) => ids.has(r.id)) : list.rows;
  return {
    offset: request.offset,
    rows: rows.slice(request.offset, request.offset + request.limit),
    counts: request.counts ? countsOf(rows) : null,
  };
}

/** The request of a recorded `worker_page` call. */
export function requestOf(args: Record<string, unknown>): WorkerPageRequest {
  return args.request as WorkerPageRequest;
}
