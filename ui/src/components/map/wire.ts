// The map as the app's window receives it: one binary buffer (src/graph/wire.rs documents the
// layout) read with typed arrays into the same MapAnalysis the panels use. 5,000 workers and
// 25,000 ties as JSON were ~3.5 MB to serialise, move and parse; packed they are ~1 MB of
// columns and a small JSON header.
import type { AntiInfluence, Cluster, Coverage, Leader, MapAnalysis, MapTie, MapWorker, RelationshipKind } from "../../lib/bindings";

const MAGIC = "FBMAP1\0\0";
const NONE_U32 = 0xffffffff;
const FLAG_COMMITTEE = 1;
const FLAG_SUPERVISOR = 2;

type Header = {
  campaignId: number;
  complete: boolean;
  workers: number;
  ties: number;
  names: string[];
  groups: string[];
  kinds: RelationshipKind[];
  leaders: Leader[];
  coverage: Coverage;
  clusters: Cluster[];
  antiUnion: AntiInfluence[];
  modularity: number;
};

/** A packed map: the analysis, and whether its leaders and betweenness are in (false: ask again, waiting). */
export type UnpackedMap = { analysis: MapAnalysis; complete: boolean };

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function damaged(what: string): Error {
  return new Error(`The packed map is damaged: ${what}.`);
}

export function unpackMap(buffer: ArrayBuffer): UnpackedMap {
  if (!littleEndian) throw new Error("The packed map needs a little-endian machine.");
  const bytes = new Uint8Array(buffer);
  if (bytes.length < 16 || String.fromCharCode(...bytes.subarray(0, 8)) !== MAGIC) throw damaged("it does not start with the map's signature");
  const len = new DataView(buffer).getUint32(8, true);
  if (16 + len > bytes.length) throw damaged("it is shorter than its header says");
  const h = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + len))) as Header;
  const n = h.workers;
  const m = h.ties;
  if (h.names.length !== n) throw damaged("the names do not match the workers");
  let at = 16 + Math.ceil(len / 8) * 8;
  const expected = at + n * (6 * 8 + 5 * 4 + 2) + m * (3 * 8 + 2);
  if (bytes.length !== expected) throw damaged(bytes.length < expected ? "it is shorter than its header says" : "it is longer than its header says");
  const f64 = (count: number) => {
    const a = new Float64Array(buffer, at, count);
    at += count * 8;
    return a;
  };
  const u32 = (count: number) => {
    const a = new Uint32Array(buffer, at, count);
    at += count * 4;
    return a;
  };
  const u8 = (count: number) => {
    const a = new Uint8Array(buffer, at, count);
    at += count;
    return a;
  };
  const ids = f64(n), degree = f64(n), betweenness = f64(n), influence = f64(n), xs = f64(n), ys = f64(n);
  const tieIds = f64(m), sources = f64(m), targets = f64(m);
  const dept = u32(n), shift = u32(n), rank = u32(n), distance = u32(n), cluster = u32(n);
  const assessment = u8(n), flags = u8(n), kinds = u8(m), strength = u8(m);

  const group = (i: number): string => {
    const g = h.groups[i];
    if (g === undefined) throw damaged("a group index is out of range");
    return g;
  };
  const workers: MapWorker[] = new Array(n);
  for (let i = 0; i < n; i++) {
    workers[i] = {
      id: ids[i]!,
      name: h.names[i]!,
      department: group(dept[i]!),
      shift: group(shift[i]!),
      assessment: assessment[i] === 0 ? null : assessment[i]!,
      committee: (flags[i]! & FLAG_COMMITTEE) !== 0,
      supervisor: (flags[i]! & FLAG_SUPERVISOR) !== 0,
      degree: degree[i]!,
      betweenness: betweenness[i]!,
      influence: influence[i]!,
      influenceRank: rank[i] === 0 ? null : rank[i]!,
      committeeDistance: distance[i] === NONE_U32 ? null : distance[i]!,
      cluster: cluster[i] === NONE_U32 ? null : cluster[i]!,
      x: xs[i]!,
      y: ys[i]!,
    };
  }
  const ties: MapTie[] = new Array(m);
  for (let i = 0; i < m; i++) {
    const kind = h.kinds[kinds[i]!];
    if (kind === undefined) throw damaged("a tie kind is out of range");
    ties[i] = { id: tieIds[i]!, source: sources[i]!, target: targets[i]!, kind, strength: strength[i]! };
  }
  return {
    analysis: {
      campaignId: h.campaignId,
      workers,
      ties,
      leaders: h.leaders,
      coverage: h.coverage,
      clusters: h.clusters,
      antiUnion: h.antiUnion,
      modularity: h.modularity,
    },
    complete: h.complete,
  };
}
