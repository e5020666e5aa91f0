// Test helper: packs a MapAnalysis the way src/graph/wire.rs does, so the map's tests can answer
// map_analysis_packed with a fixture. map.test.ts checks this packer against bytes written by the
// Rust side (map-wire.bin), so the two cannot drift apart.
import type { MapAnalysis, RelationshipKind } from "../lib/bindings";

const KINDS: RelationshipKind[] = ["same_crew", "friends", "family", "carpool", "mentor", "influence", "supervises"];

export function packMap(a: MapAnalysis, complete = true): ArrayBuffer {
  const groups: string[] = [];
  const index = new Map<string, number>();
  const intern = (g: string) => {
    let i = index.get(g);
    if (i === undefined) {
      i = groups.length;
      groups.push(g);
      index.set(g, i);
    }
    return i;
  };
  const dept: number[] = [];
  const shift: number[] = [];
  for (const w of a.workers) {
    dept.push(intern(w.department));
    shift.push(intern(w.shift));
  }
  const header = {
    campaignId: a.campaignId,
    complete,
    workers: a.workers.length,
    ties: a.ties.length,
    names: a.workers.map((w) => w.name),
    groups,
    kinds: KINDS,
    leaders: a.leaders,
    coverage: a.coverage,
    clusters: a.clusters,
    antiUnion: a.antiUnion,
    modularity: a.modularity,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const n = a.workers.length;
  const m = a.ties.length;
  const padded = Math.ceil(json.length / 8) * 8;
  const size = 16 + padded + n * (6 * 8 + 5 * 4 + 2) + m * (3 * 8 + 2);
  const buf = new ArrayBuffer(size);
  const bytes = new Uint8Array(buf);
  bytes.set(new TextEncoder().encode("FBMAP1\0\0"), 0);
  new DataView(buf).setUint32(8, json.length, true);
  bytes.set(json, 16);
  let at = 16 + padded;
  const f64 = (values: number[]) => {
    new Float64Array(buf, at, values.length).set(values);
    at += values.length * 8;
  };
  const u32 = (values: number[]) => {
    new Uint32Array(buf, at, values.length).set(values);
    at += values.length * 4;
  };
  const u8 = (values: number[]) => {
    bytes.set(values, at);
    at += values.length;
  };
  const ws = a.workers;
  f64(ws.map((w) => w.id));
  f64(ws.map((w) => w.degree));
  f64(ws.map((w) => w.betweenness));
  f64(ws.map((w) => w.influence));
  f64(ws.map((w) => w.x));
  f64(ws.map((w) => w.y));
  f64(a.ties.map((t) => t.id));
  f64(a.ties.map((t) => t.source));
  f64(a.ties.map((t) => t.target));
  u32(dept);
  u32(shift);
  u32(ws.map((w) => w.influenceRank ?? 0));
  u32(ws.map((w) => w.committeeDistance ?? 0xffffffff));
  u32(ws.map((w) => w.cluster ?? 0xffffffff));
  u8(ws.map((w) => w.assessment ?? 0));
  u8(ws.map((w) => (w.committee ? 1 : 0) | (w.supervisor ? 2 : 0)));
  u8(a.ties.map((t) => KINDS.indexOf(t.kind)));
  u8(a.ties.map((t) => t.strength));
  return buf;
}
