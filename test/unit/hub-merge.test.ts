import { describe, expect, it } from 'vitest';
import type { SyncMutation } from '../../electron/api/sync-protocol';
import { formatStamp } from '../../electron/core/clock';
import { createRandom } from '../../electron/core/demo/random';
import { type HubRecordState, mergeMutation, recordStamp } from '../../server/merge';

const devices = ['dev-a', 'dev-b', 'dev-c'];
const fields = ['name', 'notes', 'quantity', 'deletedAt'];

function randomMutations(seed: number, count: number): SyncMutation[] {
  const random = createRandom(seed);
  const t0 = Date.parse('2024-03-15T08:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const device = random.pick(devices);
    const chosen = fields.filter(() => random.chance(0.5));
    const written = chosen.length > 0 ? chosen : ['name'];
    return {
      mutationId: `m${i}`,
      table: 'target',
      recordId: `r${random.int(0, 3)}`,
      op: 'upsert',
      // Few distinct values and clocks within ±1 day, so equal values and skewed clocks both occur.
      fields: Object.fromEntries(written.map((f) => [f, random.pick(['a', 'b', 'c', null])])),
      hlc: formatStamp(t0 + random.int(-86_400_000, 86_400_000), random.int(0, 2), device),
      base: {},
      user: `user-${device}`,
    };
  });
}

function mergeAll(mutations: readonly SyncMutation[]): Map<string, HubRecordState> {
  const records = new Map<string, HubRecordState>();
  for (const m of mutations) {
    const record = records.get(m.recordId) ?? { fields: {}, clocks: {} };
    records.set(m.recordId, record);
    mergeMutation(record, m);
  }
  return records;
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = createRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('hub merge', () => {
  it('ends in the same record whatever order the mutations arrive in (later clock wins per field)', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const mutations = randomMutations(seed, 200);
      const expected = mergeAll(mutations);
      for (let order = 1; order <= 5; order++) expect(mergeAll(shuffled(mutations, seed * 100 + order))).toEqual(expected);
      // Each field holds the value of the mutation with the greatest stamp that wrote it.
      for (const [recordId, record] of expected) {
        for (const field of Object.keys(record.fields)) {
          const latest = mutations.filter((m) => m.recordId === recordId && field in m.fields).reduce((a, b) => (b.hlc > a.hlc ? b : a));
          expect(record.fields[field]).toEqual(latest.fields[field]);
          expect(record.clocks[field]).toEqual({ hlc: latest.hlc, user: latest.user });
        }
        expect(recordStamp(record)).toBe(Object.values(record.clocks).map((c) => c.hlc).sort().at(-1));
      }
    }
  });

  it('reports a conflict only for another device’s change since the base, with a different value', () => {
    const at = (ms: number, device: string) => formatStamp(Date.parse('2024-03-15T08:00:00Z') + ms, 0, device);
    const record: HubRecordState = { fields: { name: 'x' }, clocks: { name: { hlc: at(0, 'dev-a'), user: 'ani' } } };
    const write = (hlc: string, value: string, base: Record<string, string | null>): SyncMutation => ({ mutationId: hlc, table: 'target', recordId: 'r', op: 'upsert', fields: { name: value }, hlc, base, user: 'u' });
    // Saw the hub's version: sequential, no conflict.
    expect(mergeMutation(record, write(at(10, 'dev-b'), 'y', { name: at(0, 'dev-a') })).conflicts).toEqual([]);
    // Its own earlier write on the hub: no conflict.
    expect(mergeMutation(record, write(at(20, 'dev-b'), 'z', {})).conflicts).toEqual([]);
    // Another device, base older than the hub's field, same value: merged, no conflict.
    expect(mergeMutation(record, write(at(30, 'dev-c'), 'z', { name: at(0, 'dev-a') })).conflicts).toEqual([]);
    // Another device, base older, different value, earlier clock: conflict, the hub keeps its value.
    const lost = mergeMutation(record, write(at(25, 'dev-a'), 'w', { name: at(0, 'dev-a') }));
    expect(lost.conflicts.map((c) => [c.winner, c.hub.value, c.incoming.value])).toEqual([['hub', 'z', 'w']]);
    expect(lost.changed).toBe(false);
    expect(record.fields.name).toBe('z');
  });
});
