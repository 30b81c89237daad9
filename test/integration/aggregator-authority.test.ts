import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../electron/api/errors';
import { AppError } from '../../electron/api/errors';
import { createDemoData } from '../../electron/core/demo/generate';
import { dispatch } from '../../electron/core/dispatch';
import { createHandlers, type Handlers } from '../../electron/core/handlers';
import type { OpenedCore } from '../../electron/core/open';
import { assertAggregatorAuthority, checkAggregatorAuthority } from '../../electron/core/rules/aggregator-authority';
import { ctx, ctxEn, seedAgreement, seedPartner, seedTarget, silentLog, someKelurahan } from '../fixtures/registry';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

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

const check = (aggregatorId: string, date: string, money = false) =>
  checkAggregatorAuthority(core.deps.db, { aggregatorId, date, money }).missing;

const count = (table: string) => (core.deps.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** A licensed, money-collecting aggregator with one signed PKS for 2023. */
function licensedAggregator(name = 'BAZIS DKI Jakarta', licenceValidUntil: string | null = '2024-12-31') {
  const id = seedPartner(core, { name, aggregator: true, collectsMoney: true, licenceNumber: '123/-1.855.3', licenceValidUntil });
  const agreementId = seedAgreement(core, { partnerId: id, signedOn: '2022-12-20', validFrom: '2023-01-01', validUntil: '2023-12-31' });
  return { id, agreementId };
}

describe('checkAggregatorAuthority', () => {
  it('accepts a signed PKS valid on the date, both boundary days included', () => {
    const { id } = licensedAggregator();
    expect(check(id, '2023-06-01')).toEqual([]);
    expect(check(id, '2023-06-01', true)).toEqual([]);
    expect(check(id, '2023-01-01')).toEqual([]);
    expect(check(id, '2023-12-31')).toEqual([]);
  });

  it('refuses the day after valid_until and the day before valid_from', () => {
    const { id } = licensedAggregator();
    expect(check(id, '2024-01-01')).toEqual(['no_valid_agreement']);
    expect(check(id, '2022-12-31')).toEqual(['no_valid_agreement']);
  });

  it('refuses an aggregator without any PKS', () => {
    const id = seedPartner(core, { name: 'Yayasan Tanpa PKS', aggregator: true });
    expect(check(id, '2023-06-01')).toEqual(['no_valid_agreement']);
  });

  it('does not count a draft, a terminated or an unsigned PKS, whatever its dates', () => {
    const id = seedPartner(core, { name: 'Yayasan Draf', aggregator: true });
    seedAgreement(core, { partnerId: id, status: 'draft', signedOn: '2023-01-01', validFrom: '2023-01-01', validUntil: '2023-12-31' });
    seedAgreement(core, { partnerId: id, status: 'terminated', signedOn: '2023-01-01', validFrom: '2023-01-01', validUntil: '2023-12-31' });
    seedAgreement(core, { partnerId: id, status: 'signed', signedOn: null, validFrom: '2023-01-01', validUntil: '2023-12-31' });
    expect(check(id, '2023-06-01')).toEqual(['no_valid_agreement']);
    seedAgreement(core, { partnerId: id, status: 'signed', signedOn: '2023-01-01', validFrom: '2023-01-01', validUntil: '2023-12-31' });
    expect(check(id, '2023-06-01')).toEqual([]);
  });

  it('counts an addendum of the same partner with its own dates', () => {
    const { id, agreementId } = licensedAggregator();
    expect(check(id, '2024-03-01')).toEqual(['no_valid_agreement']);
    seedAgreement(core, { partnerId: id, parentAgreementId: agreementId, signedOn: '2023-12-15', validFrom: '2024-01-01', validUntil: '2024-06-30' });
    expect(check(id, '2024-03-01')).toEqual([]);
    expect(check(id, '2024-06-30')).toEqual([]);
    expect(check(id, '2024-07-01')).toEqual(['no_valid_agreement']);
  });

  it('takes an open-ended PKS as valid from its signing date when no start is written', () => {
    const id = seedPartner(core, { name: 'Yayasan Terbuka', aggregator: true });
    seedAgreement(core, { partnerId: id, signedOn: '2021-05-10', validFrom: null, validUntil: null });
    expect(check(id, '2021-05-09')).toEqual(['no_valid_agreement']);
    expect(check(id, '2021-05-10')).toEqual([]);
    expect(check(id, '2030-01-01')).toEqual([]);
  });

  it('asks for a licence only when money changes hands', () => {
    const id = seedPartner(core, { name: 'Yayasan Tanpa Izin', aggregator: true, collectsMoney: true });
    seedAgreement(core, { partnerId: id, signedOn: '2023-01-01', validFrom: '2023-01-01', validUntil: '2023-12-31' });
    expect(check(id, '2023-06-01', false)).toEqual([]);
    expect(check(id, '2023-06-01', true)).toEqual(['licence_missing']);
  });

  it('refuses money after the licence runs out, its last day included as valid', () => {
    const { id } = licensedAggregator('Yayasan Izin Lama', '2023-06-30');
    expect(check(id, '2023-06-30', true)).toEqual([]);
    expect(check(id, '2023-07-01', true)).toEqual(['licence_expired']);
    expect(check(id, '2023-07-01', false)).toEqual([]);
    expect(check(id, '2024-02-01', true)).toEqual(['no_valid_agreement', 'licence_expired']);
  });

  it('refuses a partner that is not an aggregator, and an archived aggregator', () => {
    const collaborator = seedPartner(core, { name: 'PT Sinar Jaya' });
    seedAgreement(core, { partnerId: collaborator, signedOn: '2023-01-01', validFrom: '2023-01-01', validUntil: '2023-12-31' });
    expect(check(collaborator, '2023-06-01')).toEqual(['not_aggregator']);
    const archived = seedPartner(core, { name: 'Yayasan Lama', aggregator: true, archived: true });
    seedAgreement(core, { partnerId: archived, signedOn: '2023-01-01', validFrom: '2023-01-01', validUntil: '2023-12-31' });
    expect(check(archived, '2023-06-01')).toEqual(['inactive']);
  });

  it('answers no name for an unknown id, and the assertion says not found', () => {
    const unknown = '01890000-0000-7000-8000-000000000000';
    expect(checkAggregatorAuthority(core.deps.db, { aggregatorId: unknown, date: '2023-06-01', money: false })).toEqual({
      aggregatorName: null,
      missing: [],
    });
    expect(() => assertAggregatorAuthority(core.deps.db, { aggregatorId: unknown, date: '2023-06-01', money: false })).toThrow(AppError);
  });
});

describe('the refusal message', () => {
  it('names the aggregator, the date and everything that is missing, in Indonesian and English', async () => {
    const id = seedPartner(core, { name: 'Yayasan Peduli Sesama', aggregator: true, collectsMoney: true });
    let error: unknown;
    try {
      assertAggregatorAuthority(core.deps.db, { aggregatorId: id, date: '2024-02-01', money: true });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('aggregator_not_authorised');
    expect((error as AppError).params).toMatchObject({ aggregator: 'Yayasan Peduli Sesama', date: '2024-02-01' });

    const partner = seedPartner(core, { name: 'PT Sinar Jaya' });
    const input = { partnerId: partner, aggregatorId: id, itemTypeId: 'pangan.uang', quantity: 1_000_000, pledgedOn: '2024-02-01' };
    const id_ = (await dispatch(handlers, 'pledge:create', input, ctx, silentLog)) as Result<unknown>;
    const en = (await dispatch(handlers, 'pledge:create', input, ctxEn, silentLog)) as Result<unknown>;
    expect(id_.ok).toBe(false);
    expect(en.ok).toBe(false);
    if (id_.ok || en.ok) return;
    expect(id_.error.code).toBe('aggregator_not_authorised');
    expect(id_.error.message).toBe(
      'Transaksi via agregator Yayasan Peduli Sesama pada 1 Februari 2024 ditolak: ' +
        'tidak ada PKS yang ditandatangani dan berlaku pada tanggal itu; izin pengumpulan uang/barang (nomor izin) belum tercatat.',
    );
    expect(en.error.message).toBe(
      'A transaction via aggregator Yayasan Peduli Sesama on 1 February 2024 is refused: ' +
        'no signed agreement (PKS) valid on that date; no money/goods collection licence number on record.',
    );
  });
});

describe('pledge, distribution and fund transfer through dispatch', () => {
  let partner: string;
  let aggregator: string;
  let region: string;
  beforeEach(() => {
    partner = seedPartner(core, { name: 'PT Bank DKI' });
    aggregator = licensedAggregator('BAZNAS BAZIS DKI', '2023-09-30').id;
    region = someKelurahan(core);
  });

  const call = async (name: 'pledge:create' | 'distribution:create' | 'fund-transfer:create', input: Record<string, unknown>) =>
    (await dispatch(handlers, name, input, ctx, silentLog)) as Result<Record<string, unknown>>;
  const codeOf = (result: Result<unknown>) => (result.ok ? 'ok' : result.error.code);

  it('accepts a pledge via an authorised aggregator and writes it with its audit entry and outbox mutation', async () => {
    const before = { audit: count('audit_log'), outbox: count('sync_outbox') };
    const result = await call('pledge:create', {
      partnerId: partner,
      aggregatorId: aggregator,
      itemTypeId: 'pangan.paket-sembako',
      quantity: 500,
      valueRupiah: 125_000_000,
      pledgedOn: '2023-05-01',
    });
    expect(codeOf(result)).toBe('ok');
    if (!result.ok) return;
    expect(result.value).toMatchObject({ partnerId: partner, aggregatorId: aggregator, quantity: 500, valueRupiah: 125_000_000, createdBy: ctx.actor });
    expect(count('pledge')).toBe(1);
    expect(count('audit_log')).toBe(before.audit + 1);
    expect(count('sync_outbox')).toBe(before.outbox + 1);
    const outbox = core.deps.db.$client.prepare('SELECT table_name AS tableName, op, payload FROM sync_outbox ORDER BY seq DESC LIMIT 1').get() as {
      tableName: string;
      op: string;
      payload: string;
    };
    expect(outbox).toMatchObject({ tableName: 'pledge', op: 'upsert' });
    expect(JSON.parse(outbox.payload)).toMatchObject({ quantity: 500, pledgedOn: '2023-05-01' });
  });

  it('refuses via an aggregator outside its PKS and writes nothing', async () => {
    const before = count('audit_log');
    const result = await call('pledge:create', {
      partnerId: partner,
      aggregatorId: aggregator,
      itemTypeId: 'pangan.paket-sembako',
      quantity: 500,
      pledgedOn: '2024-01-01',
    });
    expect(codeOf(result)).toBe('aggregator_not_authorised');
    expect(count('pledge')).toBe(0);
    expect(count('audit_log')).toBe(before);
  });

  it('asks for the licence on Rupiah items and fund transfers only', async () => {
    // 2023-11-01: PKS valid, licence ran out on 2023-09-30.
    const goods = await call('distribution:create', {
      partnerId: partner,
      aggregatorId: aggregator,
      itemTypeId: 'pangan.paket-sembako',
      quantity: 100,
      regionCode: region,
      distributedOn: '2023-11-01',
    });
    expect(codeOf(goods)).toBe('ok');
    const money = await call('distribution:create', {
      partnerId: partner,
      aggregatorId: aggregator,
      itemTypeId: 'pangan.uang',
      quantity: 5_000_000,
      regionCode: region,
      distributedOn: '2023-11-01',
    });
    expect(codeOf(money)).toBe('aggregator_not_authorised');
    const transfer = await call('fund-transfer:create', {
      donorId: partner,
      aggregatorId: aggregator,
      amountRupiah: 1_000_000_000,
      transferredOn: '2023-11-01',
    });
    expect(codeOf(transfer)).toBe('aggregator_not_authorised');
    const inTime = await call('fund-transfer:create', {
      donorId: partner,
      aggregatorId: aggregator,
      programId: 'pangan',
      amountRupiah: 1_000_000_000,
      transferredOn: '2023-09-30',
      reference: 'TRF/20230930/1',
    });
    expect(codeOf(inTime)).toBe('ok');
    expect(count('distribution')).toBe(1);
    expect(count('fund_transfer')).toBe(1);
  });

  it('records a distribution as reported, in its target’s wilayah, with the Rupiah value of a Rupiah item', async () => {
    const target = seedTarget(core, 'Panti Asuhan Harapan', region);
    const result = await call('distribution:create', {
      partnerId: partner,
      itemTypeId: 'pangan.uang',
      quantity: 2_500_000,
      targetId: target,
      distributedOn: '2024-03-15',
    });
    expect(codeOf(result)).toBe('ok');
    if (!result.ok) return;
    expect(result.value).toMatchObject({ verificationStatus: 'dilaporkan', regionCode: region, targetId: target, valueRupiah: 2_500_000 });
  });

  it('checks the giver, the place, the item and the date', async () => {
    const base = { partnerId: partner, itemTypeId: 'pangan.paket-sembako', quantity: 10, regionCode: region, distributedOn: '2023-05-01' };
    expect(codeOf(await call('distribution:create', { ...base, regionCode: undefined }))).toBe('distribution_place_required');
    expect(codeOf(await call('distribution:create', { ...base, regionCode: '31.79.99.9999' }))).toBe('not_found');
    expect(codeOf(await call('distribution:create', { ...base, distributedOn: '2024-03-16' }))).toBe('date_out_of_range');
    expect(codeOf(await call('distribution:create', { ...base, distributedOn: '2019-12-31' }))).toBe('date_out_of_range');
    expect(codeOf(await call('distribution:create', { ...base, distributedOn: '2020-01-01' }))).toBe('ok');
    expect(codeOf(await call('distribution:create', { ...base, distributedOn: '2024-03-15' }))).toBe('ok');
    expect(codeOf(await call('distribution:create', { ...base, quantity: 0 }))).toBe('invalid_input');
    expect(codeOf(await call('distribution:create', { ...base, quantity: 1.5 }))).toBe('invalid_input');
    expect(codeOf(await call('distribution:create', { ...base, itemTypeId: 'pangan.tidak-ada' }))).toBe('not_found');
    expect(codeOf(await call('distribution:create', { ...base, partnerId: aggregator }))).toBe('partner_not_collaborator');
    const archived = seedPartner(core, { name: 'CV Lama', archived: true });
    expect(codeOf(await call('distribution:create', { ...base, partnerId: archived }))).toBe('partner_inactive');
    const { regionCode: _region, distributedOn: _date, ...pledgeBase } = base;
    expect(codeOf(await call('pledge:create', { ...pledgeBase, pledgedOn: '2023-05-01' }))).toBe('pledge_destination_required');
    expect(
      codeOf(await call('distribution:create', { ...base, itemTypeId: 'pangan.uang', quantity: 1_000_000, valueRupiah: 2_000_000 })),
    ).toBe('rupiah_value_mismatch');
    const elsewhere = seedTarget(core, 'Pesantren Jauh', '31.75.01.1001');
    expect(codeOf(await call('distribution:create', { ...base, targetId: elsewhere }))).toBe('target_region_mismatch');
    expect(count('distribution')).toBe(2);
  });
});

describe('the demo data', () => {
  it('obeys the rule: every pledge, distribution and fund transfer via an aggregator passes it on its date', () => {
    createDemoData(core.deps, 'demo:test', { seed: 7, partners: 40, pledges: 150, distributions: 300 });
    const rows = core.deps.db.$client
      .prepare(
        `SELECT p.aggregator_id AS aggregatorId, p.pledged_on AS date, i.measure = 'rupiah' AS money FROM pledge p JOIN item_type i ON i.id = p.item_type_id WHERE p.aggregator_id IS NOT NULL
         UNION SELECT d.aggregator_id, d.distributed_on, i.measure = 'rupiah' FROM distribution d JOIN item_type i ON i.id = d.item_type_id WHERE d.aggregator_id IS NOT NULL
         UNION SELECT aggregator_id, transferred_on, 1 FROM fund_transfer`,
      )
      .all() as { aggregatorId: string; date: string; money: number }[];
    expect(rows.length).toBeGreaterThan(50);
    const refused = rows.filter((r) => check(r.aggregatorId, r.date, r.money === 1).length > 0);
    expect(refused).toEqual([]);
  });
});
