import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Input, type Output, procedures } from '../../electron/api/contract';
import type { Result } from '../../electron/api/errors';
import { listAgreements } from '../../electron/core/agreements/service';
import { dispatch } from '../../electron/core/dispatch';
import { createHandlers, type Handlers } from '../../electron/core/handlers';
import type { OpenedCore } from '../../electron/core/open';
import { ctx, seedAgreement, seedPartner, silentLog } from '../fixtures/registry';
import { createTempDb, fixedClock, type TempDb } from '../fixtures/temp-db';

// The fixed clock says 2024-03-15.

let t: TempDb;
let core: OpenedCore;
let handlers: Handlers;
beforeEach(() => {
  t = createTempDb();
  core = t.open();
  handlers = createHandlers(core.deps);
});
afterEach(() => t.cleanup());

async function call<K extends 'agreement:create' | 'agreement:update' | 'agreement:get' | 'agreement:list'>(
  name: K,
  input: Input<K>,
): Promise<Result<Output<K>>> {
  return (await dispatch(handlers, name, input, ctx, silentLog)) as Result<Output<K>>;
}

async function ok<K extends 'agreement:create' | 'agreement:update' | 'agreement:get' | 'agreement:list'>(name: K, input: Input<K>): Promise<Output<K>> {
  const result = await call(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

const codeOf = (result: Result<unknown>) => (result.ok ? 'ok' : result.error.code);

const auditFor = (id: string) =>
  (
    core.deps.db.$client
      .prepare("SELECT action, changes FROM audit_log WHERE table_name = 'agreement' AND record_id = ? ORDER BY seq")
      .all(id) as { action: string; changes: string }[]
  ).map((row) => ({ action: row.action, changes: JSON.parse(row.changes) as Record<string, [unknown, unknown]> }));

describe('effective status', () => {
  it('follows the dates where they can say, and the stored status where they cannot', async () => {
    const partnerId = seedPartner(core, { name: 'PT Sinar Jaya' });
    const cases: [Parameters<typeof seedAgreement>[1], string, number | null][] = [
      [{ partnerId, status: 'terminated', signedOn: '2024-01-01', validFrom: '2024-01-01', validUntil: '2025-01-01' }, 'terminated', 292],
      [{ partnerId, status: 'signed', signedOn: null, validFrom: '2024-01-01', validUntil: '2025-01-01' }, 'draft', 292],
      [{ partnerId, status: 'draft', signedOn: '2024-01-01', validFrom: '2024-01-01', validUntil: '2025-01-01' }, 'draft', 292],
      [{ partnerId, status: 'signed', signedOn: '2023-01-01', validFrom: '2023-01-01', validUntil: '2024-03-14' }, 'expired', -1],
      [{ partnerId, status: 'signed', signedOn: '2023-01-01', validFrom: '2023-01-01', validUntil: '2024-03-15' }, 'signed', 0],
      [{ partnerId, status: 'expired', signedOn: '2023-01-01', validFrom: '2023-01-01', validUntil: '2024-12-31' }, 'signed', 291],
      [{ partnerId, status: 'expired', signedOn: '2023-01-01', validFrom: '2023-01-01', validUntil: null }, 'expired', null],
      [{ partnerId, status: 'signed', signedOn: '2023-01-01', validFrom: null, validUntil: null }, 'signed', null],
    ];
    for (const [seed, expected, daysLeft] of cases) {
      const id = seedAgreement(core, seed);
      const detail = await ok('agreement:get', { id });
      expect({ status: detail.status, effective: detail.effectiveStatus, daysLeft: detail.daysLeft }, JSON.stringify(seed)).toEqual({
        status: seed.status,
        effective: expected,
        daysLeft,
      });
    }
  });
});

describe('agreement:create and agreement:update', () => {
  let partnerId: string;
  beforeEach(() => {
    partnerId = seedPartner(core, { name: 'PT Bank DKI' });
  });

  const pks = (overrides: Partial<Input<'agreement:create'>> = {}): Input<'agreement:create'> => ({
    number: '001/PKS/KSBB/2024',
    partnerId,
    agencyId: 'dkpkp',
    programIds: ['pangan', 'umkm'],
    signedOn: '2024-01-10',
    validFrom: '2024-01-10',
    validUntil: '2025-01-09',
    ...overrides,
  });

  it('creates a signed PKS with its programs, audited and queued for sync', async () => {
    const created = await ok('agreement:create', pks({ notes: 'PKS pangan dan UMKM' }));
    expect(created).toMatchObject({
      number: '001/PKS/KSBB/2024',
      partnerName: 'PT Bank DKI',
      status: 'signed',
      effectiveStatus: 'signed',
      agencyId: 'dkpkp',
      programIds: ['pangan', 'umkm'],
      daysLeft: 300,
      documentCount: 0,
      createdBy: ctx.actor,
      parent: null,
      addenda: [],
    });
    expect(created.programs.map((p) => p.id)).toEqual(['pangan', 'umkm']);
    // What the handler answers is what the contract promises.
    expect(procedures['agreement:create'].output.parse(created)).toEqual(created);
    const [audit] = auditFor(created.id);
    expect(audit?.action).toBe('create');
    expect(audit?.changes.number).toEqual([null, '001/PKS/KSBB/2024']);
    expect(audit?.changes.programIds).toEqual([null, ['pangan', 'umkm']]);
    const outbox = core.deps.db.$client.prepare("SELECT op, payload FROM sync_outbox WHERE table_name = 'agreement' AND record_id = ?").get(created.id) as {
      op: string;
      payload: string;
    };
    expect(outbox.op).toBe('upsert');
    expect(JSON.parse(outbox.payload)).toMatchObject({ number: '001/PKS/KSBB/2024', partnerId, programIds: ['pangan', 'umkm'] });
  });

  it('is a draft without a signing date', async () => {
    const draft = await ok('agreement:create', pks({ signedOn: null }));
    expect(draft).toMatchObject({ status: 'draft', effectiveStatus: 'draft' });
  });

  it('refuses what the rules forbid', async () => {
    await ok('agreement:create', pks());
    expect(codeOf(await call('agreement:create', pks({ number: '001/pks/ksbb/2024' })))).toBe('agreement_number_taken');
    expect(codeOf(await call('agreement:create', pks({ number: '  ' })))).toBe('invalid_input');
    expect(codeOf(await call('agreement:create', pks({ number: '002', validFrom: '2025-01-10', validUntil: '2025-01-09' })))).toBe(
      'agreement_dates_invalid',
    );
    expect(codeOf(await call('agreement:create', pks({ number: '003', status: 'signed', signedOn: null })))).toBe('agreement_signed_on_required');
    expect(codeOf(await call('agreement:create', pks({ number: '004', validUntil: '2025-02-30' })))).toBe('invalid_input');
    expect(codeOf(await call('agreement:create', pks({ number: '005', programIds: ['tidak-ada'] })))).toBe('not_found');
    expect(codeOf(await call('agreement:create', pks({ number: '006', agencyId: 'tidak-ada' })))).toBe('not_found');
    expect(codeOf(await call('agreement:create', pks({ number: '007', partnerId: '01890000-0000-7000-8000-000000000000' })))).toBe('not_found');
    const archived = seedPartner(core, { name: 'CV Lama', archived: true });
    expect(codeOf(await call('agreement:create', pks({ number: '008', partnerId: archived })))).toBe('partner_inactive');
    // The same number at another partner is fine.
    const other = seedPartner(core, { name: 'PT Sinar Jaya' });
    expect(codeOf(await call('agreement:create', pks({ partnerId: other })))).toBe('ok');
  });

  it('links an addendum to a parent of the same partner only', async () => {
    const parent = await ok('agreement:create', pks());
    const addendum = await ok('agreement:create', pks({ number: '001/PKS/KSBB/2024/ADD-1', parentAgreementId: parent.id, validFrom: '2025-01-10', validUntil: '2025-12-31' }));
    expect(addendum.parent?.id).toBe(parent.id);
    expect((await ok('agreement:get', { id: parent.id })).addenda.map((a) => a.id)).toEqual([addendum.id]);
    const other = seedPartner(core, { name: 'PT Sinar Jaya' });
    expect(codeOf(await call('agreement:create', pks({ number: 'X', partnerId: other, parentAgreementId: parent.id })))).toBe(
      'agreement_parent_other_partner',
    );
    expect(codeOf(await call('agreement:update', { id: parent.id, parentAgreementId: addendum.id }))).toBe('agreement_parent_cycle');
    expect(codeOf(await call('agreement:update', { id: parent.id, parentAgreementId: parent.id }))).toBe('agreement_parent_cycle');
    expect(codeOf(await call('agreement:update', { id: parent.id, partnerId: other }))).toBe('agreement_parent_other_partner');
  });

  it('audits only the fields that change, and writes nothing when nothing does', async () => {
    const created = await ok('agreement:create', pks());
    const updated = await ok('agreement:update', { id: created.id, validUntil: '2025-06-30', notes: 'diperpanjang', programIds: ['umkm', 'pangan'] });
    expect(updated).toMatchObject({ validUntil: '2025-06-30', notes: 'diperpanjang', programIds: ['pangan', 'umkm'] });
    const audits = auditFor(created.id);
    expect(audits).toHaveLength(2);
    expect(audits[1]).toEqual({ action: 'update', changes: { validUntil: ['2025-01-09', '2025-06-30'], notes: [null, 'diperpanjang'] } });
    const outbox = core.deps.db.$client
      .prepare("SELECT payload FROM sync_outbox WHERE table_name = 'agreement' AND record_id = ? ORDER BY seq DESC LIMIT 1")
      .get(created.id) as { payload: string };
    expect(JSON.parse(outbox.payload)).toEqual({ validUntil: '2025-06-30', notes: 'diperpanjang' });

    await ok('agreement:update', { id: created.id, validUntil: '2025-06-30', number: '001/PKS/KSBB/2024' });
    expect(auditFor(created.id)).toHaveLength(2);

    const terminated = await ok('agreement:update', { id: created.id, status: 'terminated' });
    expect(terminated.effectiveStatus).toBe('terminated');
    expect(auditFor(created.id)[2]?.changes).toEqual({ status: ['signed', 'terminated'] });
    expect(codeOf(await call('agreement:update', { id: created.id, status: 'expired' } as unknown as Input<'agreement:update'>))).toBe('invalid_input');
    expect(codeOf(await call('agreement:update', { id: '01890000-0000-7000-8000-000000000000', notes: 'x' }))).toBe('not_found');
  });
});

describe('agreement:list', () => {
  let bank: string;
  let yayasan: string;
  beforeEach(() => {
    bank = seedPartner(core, { name: 'PT Bank DKI' });
    yayasan = seedPartner(core, { name: 'Yayasan Kasih Bangsa', aggregator: true });
    // Ends in 10, 45, 80 and 200 days; one expired; one draft; one terminated; one open-ended.
    seedAgreement(core, { partnerId: bank, number: 'A-10', signedOn: '2023-03-25', validFrom: '2023-03-25', validUntil: '2024-03-25', agencyId: 'dkpkp' });
    seedAgreement(core, { partnerId: bank, number: 'A-45', signedOn: '2023-05-01', validFrom: '2023-05-01', validUntil: '2024-04-29' });
    seedAgreement(core, { partnerId: yayasan, number: 'B-80', signedOn: '2023-06-01', validFrom: '2023-06-01', validUntil: '2024-06-03', notes: 'sembako lebaran' });
    seedAgreement(core, { partnerId: yayasan, number: 'B-200', signedOn: '2024-01-01', validFrom: '2024-01-01', validUntil: '2024-10-01' });
    seedAgreement(core, { partnerId: bank, number: 'A-OLD', signedOn: '2022-01-01', validFrom: '2022-01-01', validUntil: '2023-01-01' });
    seedAgreement(core, { partnerId: bank, number: 'A-DRAFT', signedOn: null, validFrom: '2024-01-01', validUntil: '2024-04-01' });
    seedAgreement(core, { partnerId: yayasan, number: 'B-STOP', status: 'terminated', signedOn: '2023-01-01', validFrom: '2023-01-01', validUntil: '2024-04-01' });
    seedAgreement(core, { partnerId: yayasan, number: 'B-OPEN', signedOn: '2021-01-01', validFrom: '2021-01-01', validUntil: null });
  });

  const numbers = async (input: Input<'agreement:list'>) => (await ok('agreement:list', input)).rows.map((r) => r.number);

  it('pages and sorts in SQL', async () => {
    const all = await ok('agreement:list', { limit: 3 });
    expect(all.total).toBe(8);
    expect(all.rows.map((r) => r.number)).toEqual(['A-10', 'A-45', 'A-DRAFT']);
    expect(await numbers({ sort: 'validUntil', direction: 'desc', limit: 3 })).toEqual(['B-200', 'B-80', 'A-45']);
    expect(await numbers({ sort: 'validUntil', offset: 6 })).toEqual(['B-200', 'B-OPEN']);
    const row = all.rows[0];
    expect(row).toMatchObject({ partnerName: 'PT Bank DKI', isAggregator: false, agencyId: 'dkpkp', agencyName: 'DKPKP', daysLeft: 10 });
    expect(procedures['agreement:list'].output.parse(all)).toEqual(all);
  });

  it('lists the agreements ending within 30, 60 or 90 days of today, in force only', async () => {
    expect(await numbers({ expiringWithinDays: 30 })).toEqual(['A-10']);
    expect(await numbers({ expiringWithinDays: 60 })).toEqual(['A-10', 'A-45']);
    expect(await numbers({ expiringWithinDays: 90 })).toEqual(['A-10', 'A-45', 'B-80']);
    expect(await numbers({ expiringWithinDays: 10 })).toEqual(['A-10']);
    expect(await numbers({ expiringWithinDays: 9 })).toEqual([]);
  });

  it('moves with the clock', () => {
    const later = { db: core.deps.db, clock: fixedClock('2024-04-15T03:00:00Z') };
    const page = listAgreements(later, { expiringWithinDays: 60, offset: 0, limit: 100, direction: 'asc' });
    expect(page.rows.map((r) => [r.number, r.daysLeft])).toEqual([
      ['A-45', 14],
      ['B-80', 49],
    ]);
    const expired = listAgreements(later, { status: 'expired', offset: 0, limit: 100, direction: 'asc' });
    expect(expired.rows.map((r) => r.number)).toEqual(['A-10', 'A-OLD']);
  });

  it('filters by effective status, partner, agency and program', async () => {
    expect(await numbers({ status: 'expired' })).toEqual(['A-OLD']);
    expect(await numbers({ status: 'draft' })).toEqual(['A-DRAFT']);
    expect(await numbers({ status: 'terminated' })).toEqual(['B-STOP']);
    expect(await numbers({ status: 'signed' })).toEqual(['A-10', 'A-45', 'B-200', 'B-80', 'B-OPEN']);
    expect(await numbers({ partnerId: yayasan })).toEqual(['B-200', 'B-80', 'B-OPEN', 'B-STOP']);
    expect(await numbers({ agencyId: 'dkpkp' })).toEqual(['A-10']);
    const withProgram = await ok('agreement:create', { number: 'C-1', partnerId: yayasan, programIds: ['pendidikan'], signedOn: '2024-01-01' });
    expect(await numbers({ programId: 'pendidikan' })).toEqual(['C-1']);
    expect((await ok('agreement:list', { programId: 'pendidikan' })).rows[0]?.programIds).toEqual(withProgram.programIds);
  });

  it('searches number, partner name (legal forms ignored) and notes; any text is safe', async () => {
    expect(await numbers({ q: 'bank dki' })).toEqual(['A-10', 'A-45', 'A-DRAFT', 'A-OLD']);
    expect(await numbers({ q: 'Bank DKI, PT' })).toEqual(['A-10', 'A-45', 'A-DRAFT', 'A-OLD']);
    expect(await numbers({ q: 'kasih', status: 'signed' })).toEqual(['B-200', 'B-80', 'B-OPEN']);
    expect(await numbers({ q: 'lebaran' })).toEqual(['B-80']);
    expect(await numbers({ q: 'b-8' })).toEqual(['B-80']);
    for (const hostile of ['"', 'AND OR NOT', 'NEAR(a b)', '*', 'text:"x" OR ^y', "'); DROP TABLE agreement; --", '(((', '-bank']) {
      const result = await call('agreement:list', { q: hostile });
      expect(codeOf(result), hostile).toBe('ok');
    }
    expect(await numbers({ q: '-bank' })).toEqual(['A-10', 'A-45', 'A-DRAFT', 'A-OLD']);
    expect((await ok('agreement:list', { q: '   ' })).total).toBe(8);
  });
});
