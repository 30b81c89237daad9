import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PullResponse, type PushResult, SYNC_PROTOCOL_HEADER, syncCatalogue } from '../../electron/api/sync-protocol';
import { newId } from '../../electron/core/clock';
import { buildHub } from '../../server/app';
import { type HubStore, openHubStore } from '../../server/store';
import { fixedClock } from '../fixtures/temp-db';
import { hubHeaders, mutationOf, newTargets, type TestMutation } from '../fixtures/hub';

// One embedded PGlite hub for the file (opening one takes seconds); every test uses its own devices and records.
let dir: string;
let store: HubStore;
let hub: FastifyInstance;
const clock = fixedClock('2024-03-15T08:30:00.000Z');
const BLOB_LIMIT = 64 * 1024;
const BODY_LIMIT = 2 * 1024 * 1024;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ksbb-hub-'));
  store = await openHubStore({ dataDir: join(dir, 'data') });
  hub = buildHub({ store, clock, log: false, limits: { bodyBytes: BODY_LIMIT, blobBytes: BLOB_LIMIT } });
});

afterAll(async () => {
  await hub.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Enrols a new device and answers its id and token. */
async function enrolDevice(name = 'Laptop'): Promise<{ deviceId: string; token: string }> {
  const code = await store.createEnrolmentCode(clock.now());
  const deviceId = newId();
  const response = await hub.inject({ method: 'POST', url: '/v1/enrol', headers: hubHeaders(), payload: { code, deviceId, name } });
  expect(response.statusCode, response.body).toBe(200);
  return { deviceId, token: response.json<{ token: string }>().token };
}

async function push(token: string, mutations: TestMutation[]) {
  return hub.inject({ method: 'POST', url: '/v1/push', headers: hubHeaders(token), payload: { mutations } });
}

async function pushOk(token: string, mutations: TestMutation[]): Promise<PushResult[]> {
  const response = await push(token, mutations);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ results: PushResult[] }>().results;
}

/** Every change from `cursor` on, page by page. */
async function pullAll(token: string, cursor = 0, limit = 1000): Promise<PullResponse['changes']> {
  const changes: PullResponse['changes'] = [];
  for (;;) {
    const response = await hub.inject({ method: 'GET', url: `/v1/pull?cursor=${cursor}&limit=${limit}`, headers: hubHeaders(token) });
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<PullResponse>();
    changes.push(...page.changes);
    cursor = page.nextCursor;
    if (!page.more) return changes;
  }
}

const recordOf = async (token: string, table: string, recordId: string) => (await pullAll(token)).filter((c) => c.table === table && c.recordId === recordId).at(-1);

describe('hub: health, version and devices', () => {
  it('answers its health and protocol without a token', async () => {
    const response = await hub.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, protocol: 1 });
  });

  it('answers 426 "please update" naming both versions when the protocol header is missing, older or newer', async () => {
    const { token } = await enrolDevice();
    for (const [given, update] of [[undefined, 'client'], ['0', 'client'], ['2', 'hub']] as const) {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (given !== undefined) headers[SYNC_PROTOCOL_HEADER] = given;
      const response = await hub.inject({ method: 'GET', url: '/v1/pull', headers });
      expect(response.statusCode).toBe(426);
      const body = response.json<{ error: string; message: string; hubProtocol: number; clientProtocol: number | null; update: string }>();
      expect(body).toMatchObject({ error: 'protocol_mismatch', hubProtocol: 1, clientProtocol: given === undefined ? null : Number(given), update });
      expect(body.message).toMatch(/Please update/);
      expect(body.message).toContain('protocol 1');
    }
  });

  it('exchanges a code once for a token; a spent, wrong or expired code is refused', async () => {
    const code = await store.createEnrolmentCode(clock.now());
    const first = await hub.inject({ method: 'POST', url: '/v1/enrol', headers: hubHeaders(), payload: { code: code.toLowerCase(), deviceId: newId(), name: 'A' } });
    expect(first.statusCode).toBe(200);
    expect(first.json<{ token: string }>().token).toMatch(/^[\w-]{40,}$/);
    const again = await hub.inject({ method: 'POST', url: '/v1/enrol', headers: hubHeaders(), payload: { code, deviceId: newId(), name: 'B' } });
    expect(again.statusCode).toBe(403);
    expect(again.json()).toMatchObject({ error: 'invalid_enrolment_code' });
    const wrong = await hub.inject({ method: 'POST', url: '/v1/enrol', headers: hubHeaders(), payload: { code: 'AAAA-BBBB-CCCC', deviceId: newId(), name: 'C' } });
    expect(wrong.statusCode).toBe(403);
    const expired = await store.createEnrolmentCode(new Date(clock.now().getTime() - 25 * 3600_000));
    const late = await hub.inject({ method: 'POST', url: '/v1/enrol', headers: hubHeaders(), payload: { code: expired, deviceId: newId(), name: 'D' } });
    expect(late.statusCode).toBe(403);
  });

  it('refuses enrolling a device id twice and leaves that code unspent', async () => {
    const { deviceId } = await enrolDevice();
    const code = await store.createEnrolmentCode(clock.now());
    const twice = await hub.inject({ method: 'POST', url: '/v1/enrol', headers: hubHeaders(), payload: { code, deviceId, name: 'Again' } });
    expect(twice.statusCode).toBe(409);
    const other = await hub.inject({ method: 'POST', url: '/v1/enrol', headers: hubHeaders(), payload: { code, deviceId: newId(), name: 'Other' } });
    expect(other.statusCode).toBe(200);
  });

  it('makes an address that had 10 refused enrolments in a minute wait (429), others and successes not counted', async () => {
    let now = Date.parse('2024-03-15T09:00:00Z');
    const throttled = buildHub({ store, clock: { now: () => new Date(now) }, log: false });
    const enrol = (remoteAddress: string, code: string, deviceId = newId()) =>
      throttled.inject({ method: 'POST', url: '/v1/enrol', headers: hubHeaders(), remoteAddress, payload: { code, deviceId, name: 'Tebak' } });
    try {
      // Enrolling many devices from one address is no guessing: successes do not count.
      for (let i = 0; i < 12; i++) expect((await enrol('10.0.0.1', await store.createEnrolmentCode(new Date(now)))).statusCode).toBe(200);
      for (let i = 0; i < 10; i++) {
        now += 1000;
        expect((await enrol('10.0.0.1', `AAAA-BBBB-${String(i).padStart(4, '0')}`)).statusCode).toBe(403);
      }
      const good = await store.createEnrolmentCode(new Date(now));
      const blocked = await enrol('10.0.0.1', good);
      expect(blocked.statusCode).toBe(429);
      // The first refusal was 9 s ago: 51 s to wait.
      expect(blocked.headers['retry-after']).toBe('51');
      expect(blocked.json()).toMatchObject({ error: 'too_many_attempts', retryAfterSeconds: 51 });
      expect((await enrol('10.0.0.2', good)).statusCode).toBe(200);

      // A minute after the first refusal, one more try: nine refusals are left in the window.
      now += 51_000;
      expect((await enrol('10.0.0.1', await store.createEnrolmentCode(new Date(now)))).statusCode).toBe(200);
      expect((await enrol('10.0.0.1', 'AAAA-BBBB-CCCC')).statusCode).toBe(403);
      expect((await enrol('10.0.0.1', 'AAAA-BBBB-CCCC')).statusCode).toBe(429);
    } finally {
      await throttled.close();
    }
  });

  it('answers 401 to a missing, unknown or revoked token, and says which', async () => {
    const { deviceId, token } = await enrolDevice('Laptop Wilayah');
    const missing = await hub.inject({ method: 'GET', url: '/v1/pull', headers: hubHeaders() });
    expect([missing.statusCode, missing.json().error]).toEqual([401, 'unauthorized']);
    const unknown = await hub.inject({ method: 'GET', url: '/v1/pull', headers: hubHeaders('not-a-token') });
    expect([unknown.statusCode, unknown.json().error]).toEqual([401, 'unauthorized']);
    expect((await store.listDevices()).find((d) => d.id === deviceId)).toEqual({ id: deviceId, name: 'Laptop Wilayah', enrolledAt: clock.now().toISOString(), revokedAt: null, lastSeenAt: null });
    expect((await hub.inject({ method: 'GET', url: '/v1/pull', headers: hubHeaders(token) })).statusCode).toBe(200);
    expect((await store.listDevices()).find((d) => d.id === deviceId)?.lastSeenAt).toBe(clock.now().toISOString());

    expect(await store.revokeDevice(deviceId, clock.now())).toBe(true);
    expect(await store.revokeDevice(deviceId, clock.now())).toBe(false);
    expect(await store.revokeDevice(newId(), clock.now())).toBe(false);
    const revoked = await hub.inject({ method: 'GET', url: '/v1/pull', headers: hubHeaders(token) });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toMatchObject({ error: 'device_revoked', message: expect.stringContaining(deviceId) });
    const pushed = await push(token, newTargets(deviceId, 1));
    expect([pushed.statusCode, pushed.json().error]).toEqual([401, 'device_revoked']);
    expect((await store.listDevices()).find((d) => d.id === deviceId)?.revokedAt).toBe(clock.now().toISOString());

    // Enrolled again with a new code, under its own id: a new token works, the old one stays refused.
    const code = await store.createEnrolmentCode(clock.now());
    const again = await hub.inject({ method: 'POST', url: '/v1/enrol', headers: hubHeaders(), payload: { code, deviceId, name: 'Laptop Wilayah' } });
    expect(again.statusCode, again.body).toBe(200);
    const renewed = again.json<{ token: string }>().token;
    expect((await hub.inject({ method: 'GET', url: '/v1/pull', headers: hubHeaders(renewed) })).statusCode).toBe(200);
    expect((await hub.inject({ method: 'GET', url: '/v1/pull', headers: hubHeaders(token) })).statusCode).toBe(401);
    expect((await store.listDevices()).find((d) => d.id === deviceId)).toMatchObject({ revokedAt: null });
  });
});

describe('hub: push and merge', () => {
  it('applies a batch at most once: a replayed batch and a repeated id answer duplicate and change nothing', async () => {
    const { deviceId, token } = await enrolDevice();
    const batch = newTargets(deviceId, 3);
    const repeated = [...batch, batch[0] as TestMutation];
    expect((await pushOk(token, repeated)).map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'duplicate']);
    const before = await pullAll(token);
    expect((await pushOk(token, batch)).map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await pullAll(token)).toEqual(before);
  });

  it('merges field by field: the later clock wins each field, fields the other did not touch stay', async () => {
    const a = await enrolDevice('A');
    const b = await enrolDevice('B');
    const id = newId();
    const t0 = Date.parse('2024-03-15T08:00:00Z');
    await pushOk(a.token, [mutationOf(a.deviceId, 'target', id, { name: 'RW 01', picName: 'Ani', notes: null }, { ms: t0 })]);
    const seen = (await recordOf(a.token, 'target', id))?.clocks ?? {};
    const base = Object.fromEntries(Object.entries(seen).map(([f, c]) => [f, c.hlc]));
    // B saw A's version and changes the name; A, later, changes the PIC: no conflict, both kept.
    expect((await pushOk(b.token, [mutationOf(b.deviceId, 'target', id, { name: 'RW 01 Kebon' }, { ms: t0 + 1000, base })]))[0]?.status).toBe('applied');
    expect((await pushOk(a.token, [mutationOf(a.deviceId, 'target', id, { picName: 'Budi' }, { ms: t0 + 2000, base })]))[0]?.status).toBe('applied');
    const record = await recordOf(a.token, 'target', id);
    expect(record?.fields).toEqual({ name: 'RW 01 Kebon', picName: 'Budi', notes: null });
    expect(record?.clocks.name?.hlc).toContain(b.deviceId);
    expect(record?.hlc).toBe(record?.clocks.picName?.hlc);
  });

  it('records a conflict when both changed a field since the common version: both values, devices and users; the later clock wins', async () => {
    const a = await enrolDevice('A');
    const b = await enrolDevice('B');
    const id = newId();
    const t0 = Date.parse('2024-03-15T08:00:00Z');
    await pushOk(a.token, [mutationOf(a.deviceId, 'target', id, { name: 'RW 02' }, { ms: t0, user: 'ani' })]);
    const base = { name: (await recordOf(a.token, 'target', id))?.clocks.name?.hlc ?? null };
    // Both edit offline from the same version; B's clock is a day behind (skew) but B pushes second.
    await pushOk(a.token, [mutationOf(a.deviceId, 'target', id, { name: 'RW 02 Utara' }, { ms: t0 + 86_400_000, base, user: 'ani' })]);
    const [result] = await pushOk(b.token, [mutationOf(b.deviceId, 'target', id, { name: 'RW 02 Selatan' }, { ms: t0 + 60_000, base, user: 'budi' })]);
    expect(result).toMatchObject({ status: 'conflict' });
    const conflicts = result?.status === 'conflict' ? result.conflicts : [];
    expect(conflicts).toEqual([
      {
        table: 'target',
        recordId: id,
        field: 'name',
        winner: 'hub',
        hub: { value: 'RW 02 Utara', hlc: expect.stringContaining(a.deviceId), device: a.deviceId, user: 'ani' },
        incoming: { value: 'RW 02 Selatan', hlc: expect.stringContaining(b.deviceId), device: b.deviceId, user: 'budi' },
      },
    ]);
    expect((await recordOf(a.token, 'target', id))?.fields.name).toBe('RW 02 Utara');
  });

  it('lets the incoming value win a conflict when its clock is later, and never conflicts a device with itself', async () => {
    const a = await enrolDevice('A');
    const b = await enrolDevice('B');
    const id = newId();
    const t0 = Date.parse('2024-03-15T08:00:00Z');
    await pushOk(a.token, [mutationOf(a.deviceId, 'target', id, { name: 'X' }, { ms: t0 })]);
    // A's second offline edit, with the base it had before its first: its own write, not a conflict.
    expect((await pushOk(a.token, [mutationOf(a.deviceId, 'target', id, { name: 'Y' }, { ms: t0 + 10 })]))[0]?.status).toBe('applied');
    const [result] = await pushOk(b.token, [mutationOf(b.deviceId, 'target', id, { name: 'Z' }, { ms: t0 + 20 })]);
    expect(result?.status === 'conflict' && result.conflicts[0]?.winner).toBe('incoming');
    expect((await recordOf(a.token, 'target', id))?.fields.name).toBe('Z');
  });

  it('answers a replayed mutation whose first application was a conflict with that conflict again, changing nothing', async () => {
    const a = await enrolDevice('A');
    const b = await enrolDevice('B');
    const id = newId();
    const t0 = Date.parse('2024-03-15T08:00:00Z');
    await pushOk(a.token, [mutationOf(a.deviceId, 'target', id, { name: 'RW 03', picName: 'Ani' }, { ms: t0 })]);
    await pushOk(a.token, [mutationOf(a.deviceId, 'target', id, { name: 'RW 03 Barat', picName: 'Ani Lagi' }, { ms: t0 + 1000 })]);
    // B never saw A's edits: both fields conflict; a plain create beside it in the same batch.
    const conflicting = mutationOf(b.deviceId, 'target', id, { name: 'RW 03 Timur', picName: 'Budi' }, { ms: t0 + 2000, user: 'budi' });
    const [plain] = newTargets(b.deviceId, 1);
    const first = await pushOk(b.token, [conflicting, plain as TestMutation]);
    expect(first.map((r) => r.status)).toEqual(['conflict', 'applied']);
    const before = await pullAll(b.token);

    // The answer was lost: the same batch again, and the conflicting mutation twice in one batch.
    const again = await pushOk(b.token, [conflicting, plain as TestMutation, conflicting]);
    expect(again).toEqual([first[0], { mutationId: plain?.mutationId, status: 'duplicate' }, { mutationId: conflicting.mutationId, status: 'duplicate' }]);
    const conflicts = first[0]?.status === 'conflict' ? first[0].conflicts : [];
    expect(conflicts.map((c) => [c.field, c.winner, c.hub.value, c.incoming.value])).toEqual([
      ['name', 'incoming', 'RW 03 Barat', 'RW 03 Timur'],
      ['picName', 'incoming', 'Ani Lagi', 'Budi'],
    ]);
    expect(await pullAll(b.token)).toEqual(before);
  });

  it('keeps a delete as a tombstone that pulls carry', async () => {
    const { deviceId, token } = await enrolDevice();
    const [created] = newTargets(deviceId, 1);
    await pushOk(token, [created as TestMutation]);
    const deletedAt = '2024-03-15T09:00:00.000Z';
    await pushOk(token, [mutationOf(deviceId, 'target', created?.recordId as string, { deletedAt }, { op: 'delete', ms: Date.parse(deletedAt) })]);
    const record = await recordOf(token, 'target', created?.recordId as string);
    expect(record?.deletedAt).toBe(deletedAt);
    expect(record?.fields.name).toBe('RW 0');
  });

  it('accepts every table and field of the catalogue, list fields and the import batch row included', async () => {
    const { deviceId, token } = await enrolDevice();
    const mutations = [...syncCatalogue()].map(([table, fields], i) =>
      mutationOf(deviceId, table, newId(), Object.fromEntries([...fields].map((f) => [f, f.endsWith('Ids') ? ['x'] : `${f}-value`])), { ms: Date.parse('2024-03-15T08:00:00Z') + i }),
    );
    expect(mutations.map((m) => m.table)).toEqual(expect.arrayContaining(['partner', 'distribution', 'verification', 'import_batch']));
    expect((await pushOk(token, mutations)).every((r) => r.status === 'applied')).toBe(true);
  });
});

describe('hub: bad input changes nothing', () => {
  async function expectNothingWritten(token: string, before: PullResponse['changes'], mutations: TestMutation[]) {
    expect(await pullAll(token)).toEqual(before);
    // The valid ones were not recorded as applied either: pushing them now applies them.
    if (mutations.length > 0) expect((await pushOk(token, mutations)).map((r) => r.status)).toEqual(mutations.map(() => 'applied'));
  }

  it('refuses a batch with an unknown table or field (400, naming it) and writes none of it', async () => {
    const { deviceId, token } = await enrolDevice();
    const before = await pullAll(token);
    const good = newTargets(deviceId, 2);
    const badTable = mutationOf(deviceId, 'secret_table', newId(), { x: 1 });
    const badField = mutationOf(deviceId, 'target', newId(), { name: 'RW', salary: 10 });
    const response = await push(token, [...good, badTable, badField]);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: 'unknown_table_or_field',
      results: [
        { mutationId: badTable.mutationId, status: 'rejected', reason: 'unknown_table: secret_table' },
        { mutationId: badField.mutationId, status: 'rejected', reason: 'unknown_field: target.salary' },
      ],
    });
    await expectNothingWritten(token, before, good);
  });

  it("refuses (403) a mutation stamped with another device's clock and writes none of the batch", async () => {
    const a = await enrolDevice('A');
    const b = await enrolDevice('B');
    const before = await pullAll(a.token);
    const good = newTargets(a.deviceId, 1);
    const forged = newTargets(b.deviceId, 1);
    const response = await push(a.token, [...good, ...forged]);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: 'out_of_scope', results: [{ mutationId: forged[0]?.mutationId, status: 'rejected', reason: expect.stringMatching(/^out_of_scope/) }] });
    await expectNothingWritten(a.token, before, good);
  });

  it('answers malformed JSON, a body that is not a batch, and a delete without its tombstone with 400', async () => {
    const { deviceId, token } = await enrolDevice();
    const before = await pullAll(token);
    const malformed = await hub.inject({ method: 'POST', url: '/v1/push', headers: { ...hubHeaders(token), 'content-type': 'application/json' }, payload: '{"mutations": [' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: 'malformed_request' });
    const notBatch = await hub.inject({ method: 'POST', url: '/v1/push', headers: hubHeaders(token), payload: { mutations: [{ table: 'target' }] } });
    expect(notBatch.statusCode).toBe(400);
    expect(notBatch.json<{ message: string }>().message).toMatch(/mutationId/);
    const noTombstone = await push(token, [mutationOf(deviceId, 'target', newId(), { name: 'x' }, { op: 'delete' })]);
    expect(noTombstone.statusCode).toBe(400);
    expect(noTombstone.json<{ message: string }>().message).toMatch(/deletedAt/);
    const badStamp = await push(token, [{ ...mutationOf(deviceId, 'target', newId(), { name: 'x' }), hlc: 'yesterday' }]);
    expect(badStamp.statusCode).toBe(400);
    await expectNothingWritten(token, before, []);
  });

  it('answers an oversized body with 413 before reading it', async () => {
    const { deviceId, token } = await enrolDevice();
    const before = await pullAll(token);
    const big = [mutationOf(deviceId, 'target', newId(), { name: 'x'.repeat(BODY_LIMIT) })];
    const response = await push(token, big);
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: 'body_too_large' });
    await expectNothingWritten(token, before, []);
  });
});

describe('hub: pull', () => {
  it('pages through changes in sequence order with nextCursor and more', async () => {
    const { deviceId, token } = await enrolDevice();
    const start = (await pullAll(token)).at(-1)?.seq ?? 0;
    const mutations = newTargets(deviceId, 7);
    await pushOk(token, mutations);
    const seen: number[] = [];
    let cursor = start;
    let pages = 0;
    for (;;) {
      const page = (await hub.inject({ method: 'GET', url: `/v1/pull?cursor=${cursor}&limit=3`, headers: hubHeaders(token) })).json<PullResponse>();
      pages += 1;
      seen.push(...page.changes.map((c) => c.seq));
      expect(page.nextCursor).toBe(page.changes.at(-1)?.seq ?? cursor);
      cursor = page.nextCursor;
      if (!page.more) break;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(seen).toHaveLength(7);
    const bad = await hub.inject({ method: 'GET', url: '/v1/pull?cursor=-1&limit=100000', headers: hubHeaders(token) });
    expect(bad.statusCode).toBe(400);
  });

  it('moves a changed record past the cursor: a reader that passed it sees the new version', async () => {
    const { deviceId, token } = await enrolDevice();
    const [created] = newTargets(deviceId, 1);
    await pushOk(token, [created as TestMutation]);
    const cursor = (await pullAll(token)).at(-1)?.seq ?? 0;
    await pushOk(token, [mutationOf(deviceId, 'target', created?.recordId as string, { name: 'renamed' }, { ms: Date.parse('2024-03-16T00:00:00Z') })]);
    const after = await pullAll(token, cursor);
    expect(after.map((c) => [c.recordId, c.fields.name])).toEqual([[created?.recordId, 'renamed']]);
  });
});

describe('hub: blobs', () => {
  it('stores a blob once under its SHA-256 and answers HEAD and GET', async () => {
    const { token } = await enrolDevice();
    const bytes = Buffer.from(`%PDF-1.4 scan ${newId()}`);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const url = `/v1/blobs/${sha}`;
    const blobHeaders = { ...hubHeaders(token), 'content-type': 'application/octet-stream' };
    expect((await hub.inject({ method: 'HEAD', url, headers: hubHeaders(token) })).statusCode).toBe(404);
    const put = await hub.inject({ method: 'PUT', url, headers: blobHeaders, payload: bytes });
    expect(put.statusCode).toBe(201);
    expect((await hub.inject({ method: 'PUT', url, headers: blobHeaders, payload: bytes })).statusCode).toBe(200);
    const head = await hub.inject({ method: 'HEAD', url, headers: hubHeaders(token) });
    expect(head.statusCode).toBe(200);
    expect(head.headers['x-ksbb-blob-size']).toBe(String(bytes.length));
    const got = await hub.inject({ method: 'GET', url, headers: hubHeaders(token) });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(bytes)).toBe(true);
  });

  it('refuses bytes that do not match their SHA-256 (400) and a blob over the limit (413), storing nothing', async () => {
    const { token } = await enrolDevice();
    const blobHeaders = { ...hubHeaders(token), 'content-type': 'application/octet-stream' };
    const claimed = createHash('sha256').update('the real scan').digest('hex');
    const mismatch = await hub.inject({ method: 'PUT', url: `/v1/blobs/${claimed}`, headers: blobHeaders, payload: Buffer.from('something else') });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toMatchObject({ error: 'hash_mismatch' });
    expect((await hub.inject({ method: 'HEAD', url: `/v1/blobs/${claimed}`, headers: hubHeaders(token) })).statusCode).toBe(404);
    const big = Buffer.alloc(BLOB_LIMIT + 1, 7);
    const bigSha = createHash('sha256').update(big).digest('hex');
    const tooBig = await hub.inject({ method: 'PUT', url: `/v1/blobs/${bigSha}`, headers: blobHeaders, payload: big });
    expect(tooBig.statusCode).toBe(413);
    expect((await hub.inject({ method: 'HEAD', url: `/v1/blobs/${bigSha}`, headers: hubHeaders(token) })).statusCode).toBe(404);
    expect((await hub.inject({ method: 'GET', url: '/v1/blobs/not-a-hash', headers: hubHeaders(token) })).statusCode).toBe(400);
  });
});
