import type { SyncConflict, SyncMutation } from '../electron/api/sync-protocol';
import { stampDevice } from '../electron/api/sync-protocol';

type Json = SyncMutation['fields'][string];

export interface FieldClock {
  hlc: string;
  user: string | null;
}

/** A record as the hub holds it: every field's value and the clock of the write that won it. */
export interface HubRecordState {
  fields: Record<string, Json>;
  clocks: Record<string, FieldClock>;
}

export interface MergeOutcome {
  /** Whether any field took the mutation's value (the record gets a new sequence number). */
  changed: boolean;
  conflicts: SyncConflict[];
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Merges one mutation into `record` (in place), field by field: the later clock stamp wins. A
 * conflict is a field whose hub clock is not the one the device last saw (`base`) and came from
 * another device, with a different value: both changed it since their common version. A device's
 * own earlier writes never conflict with its later ones.
 */
export function mergeMutation(record: HubRecordState, mutation: SyncMutation): MergeOutcome {
  const device = stampDevice(mutation.hlc);
  const conflicts: SyncConflict[] = [];
  let changed = false;
  for (const [field, value] of Object.entries(mutation.fields)) {
    const hub = record.clocks[field];
    const incomingWins = hub === undefined || mutation.hlc > hub.hlc;
    if (hub !== undefined && hub.hlc !== mutation.hlc) {
      const hubDevice = stampDevice(hub.hlc);
      const concurrent = hub.hlc !== (mutation.base[field] ?? null) && hubDevice !== device;
      if (concurrent && !sameValue(record.fields[field], value)) {
        conflicts.push({
          table: mutation.table,
          recordId: mutation.recordId,
          field,
          winner: incomingWins ? 'incoming' : 'hub',
          hub: { value: record.fields[field] ?? null, hlc: hub.hlc, device: hubDevice, user: hub.user },
          incoming: { value, hlc: mutation.hlc, device, user: mutation.user },
        });
      }
    }
    if (incomingWins) {
      record.fields[field] = value;
      record.clocks[field] = { hlc: mutation.hlc, user: mutation.user };
      changed = true;
    }
  }
  return { changed, conflicts };
}

/** The record's own stamp: the latest of its field clocks. */
export function recordStamp(record: HubRecordState): string {
  return Object.values(record.clocks).reduce((latest, clock) => (clock.hlc > latest ? clock.hlc : latest), '');
}
