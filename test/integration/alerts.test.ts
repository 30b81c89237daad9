import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Output, procedures } from '../../electron/api/contract';
import type { Alert } from '../../electron/api/procedures/agreements';
import { dispatch } from '../../electron/core/dispatch';
import { createHandlers, type Handlers } from '../../electron/core/handlers';
import type { OpenedCore } from '../../electron/core/open';
import { ctx, seedAgreement, seedDistribution, seedPartner, seedPledge, silentLog } from '../fixtures/registry';
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

async function alerts(asOf?: string): Promise<Output<'alert:list'>> {
  const result = await dispatch(handlers, 'alert:list', asOf === undefined ? {} : { asOf }, ctx, silentLog);
  if (!result.ok) throw new Error(result.error.message);
  // What the handler answers is what the contract promises.
  return procedures['alert:list'].output.parse(result.value);
}

const ofKind = <K extends Alert['kind']>(list: Output<'alert:list'>, kind: K) =>
  list.alerts.filter((a): a is Extract<Alert, { kind: K }> => a.kind === kind);

const signed = (partnerId: string, number: string, validFrom: string, validUntil: string | null) =>
  seedAgreement(core, { partnerId, number, signedOn: validFrom, validFrom, validUntil });

describe('alert:list', () => {
  it('is empty for an empty registry and answers for today by default', async () => {
    const list = await alerts();
    expect(list.asOf).toBe('2024-03-15');
    expect(list.alerts).toEqual([]);
    expect(Object.values(list.counts).every((n) => n === 0)).toBe(true);
  });

  it('lists agreements ending within 90 days in 30/60/90-day buckets, unless renewed', async () => {
    const a = seedPartner(core, { name: 'PT Alfa' });
    const b = seedPartner(core, { name: 'PT Beta' });
    const c = seedPartner(core, { name: 'PT Gama' });
    const d = seedPartner(core, { name: 'PT Delta' });
    const r = seedPartner(core, { name: 'PT Renew' });
    signed(a, 'A', '2023-04-01', '2024-04-14'); // 30 days
    signed(b, 'B', '2023-05-01', '2024-05-10'); // 56 days
    signed(c, 'C', '2023-06-01', '2024-06-13'); // 90 days
    signed(d, 'D', '2023-07-01', '2024-06-14'); // 91 days: not yet
    signed(r, 'R1', '2023-04-01', '2024-04-01');
    signed(r, 'R2', '2024-04-02', '2025-04-01');
    seedAgreement(core, { partnerId: d, number: 'D-DRAFT', signedOn: null, validFrom: '2024-01-01', validUntil: '2024-04-01' });
    const list = await alerts();
    expect(ofKind(list, 'agreement_expiring').map((x) => [x.agreementNumber, x.partnerName, x.daysLeft, x.bucket])).toEqual([
      ['A', 'PT Alfa', 30, 30],
      ['B', 'PT Beta', 56, 60],
      ['C', 'PT Gama', 90, 90],
    ]);
    expect(list.counts.agreement_expiring).toBe(3);
    // Another day, another answer: on 2024-04-01 R1 ends today but R2 follows; A has 13 days left.
    const later = await alerts('2024-04-01');
    expect(ofKind(later, 'agreement_expiring').map((x) => [x.agreementNumber, x.daysLeft, x.bucket])).toEqual([
      ['A', 13, 30],
      ['B', 39, 60],
      ['C', 73, 90],
      ['D', 74, 90],
    ]);
  });

  it('flags an expired agreement with activity after its end that no other agreement covers', async () => {
    const e = seedPartner(core, { name: 'PT Ekspirasi' });
    signed(e, 'E-2023', '2023-01-01', '2023-12-31');
    seedDistribution(core, { partnerId: e, date: '2023-12-31' }); // last valid day: fine
    seedDistribution(core, { partnerId: e, date: '2024-01-15' });
    seedPledge(core, { partnerId: e, date: '2024-02-01' });
    seedDistribution(core, { partnerId: e, date: '2024-02-10', verificationStatus: 'ditolak' }); // rejected: not a delivery
    seedDistribution(core, { partnerId: e, date: '2024-03-20' }); // after the day asked about

    const f = seedPartner(core, { name: 'PT Fajar' });
    signed(f, 'F-2023', '2023-01-01', '2023-12-31');
    signed(f, 'F-2024', '2024-02-01', '2024-12-31');
    seedDistribution(core, { partnerId: f, date: '2024-01-10' }); // in the gap
    seedDistribution(core, { partnerId: f, date: '2024-02-15' }); // covered by F-2024

    const quiet = seedPartner(core, { name: 'PT Tenang' });
    signed(quiet, 'Q-2023', '2023-01-01', '2023-12-31');
    seedDistribution(core, { partnerId: quiet, date: '2023-06-01' });

    const g = seedPartner(core, { name: 'Yayasan Gotong Royong', aggregator: true });
    signed(g, 'G-2023', '2023-01-01', '2023-06-30');
    seedDistribution(core, { partnerId: quiet, aggregatorId: g, date: '2023-08-17' }); // via the aggregator

    const list = await alerts();
    const found = ofKind(list, 'agreement_expired_with_activity').map((x) => ({
      number: x.agreementNumber,
      partner: x.partnerName,
      count: x.activityCount,
      first: x.firstActivityOn,
      last: x.lastActivityOn,
    }));
    expect(found).toEqual([
      { number: 'G-2023', partner: 'Yayasan Gotong Royong', count: 1, first: '2023-08-17', last: '2023-08-17' },
      { number: 'E-2023', partner: 'PT Ekspirasi', count: 2, first: '2024-01-15', last: '2024-02-01' },
      { number: 'F-2023', partner: 'PT Fajar', count: 1, first: '2024-01-10', last: '2024-01-10' },
    ]);
    // The 2024-03-20 distribution counts once that day has come.
    const later = ofKind(await alerts('2024-03-20'), 'agreement_expired_with_activity').find((x) => x.agreementNumber === 'E-2023');
    expect(later?.activityCount).toBe(3);
  });

  it('flags aggregators without a valid agreement and money collectors without a valid licence', async () => {
    seedPartner(core, { name: 'Yayasan Tanpa PKS', aggregator: true });
    const expired = seedPartner(core, { name: 'Yayasan PKS Lama', aggregator: true, collectsMoney: true, licenceNumber: 'IZ-1', licenceValidUntil: '2025-01-01' });
    signed(expired, 'PKS-LAMA', '2022-01-01', '2023-12-31');
    const noLicence = seedPartner(core, { name: 'Yayasan Tanpa Izin', aggregator: true, collectsMoney: true });
    signed(noLicence, 'PKS-TI', '2024-01-01', '2025-12-31');
    const lapsed = seedPartner(core, { name: 'Yayasan Izin Habis', aggregator: true, collectsMoney: true, licenceNumber: 'IZ-2', licenceValidUntil: '2024-03-14' });
    signed(lapsed, 'PKS-IH', '2024-01-01', '2025-12-31');
    const lastDay = seedPartner(core, { name: 'Yayasan Izin Hari Ini', aggregator: true, collectsMoney: true, licenceNumber: 'IZ-3', licenceValidUntil: '2024-03-15' });
    signed(lastDay, 'PKS-HI', '2024-01-01', '2025-12-31');
    const goodsOnly = seedPartner(core, { name: 'Yayasan Barang', aggregator: true, collectsMoney: false });
    signed(goodsOnly, 'PKS-B', '2024-01-01', '2025-12-31');
    seedPartner(core, { name: 'Yayasan Diarsipkan', aggregator: true, collectsMoney: true, archived: true });

    const list = await alerts();
    expect(ofKind(list, 'aggregator_without_agreement').map((x) => [x.partnerName, x.agreementNumber, x.agreementStatus])).toEqual([
      ['Yayasan PKS Lama', 'PKS-LAMA', 'expired'],
      ['Yayasan Tanpa PKS', null, null],
    ]);
    expect(ofKind(list, 'licence_missing').map((x) => [x.partnerName, x.agreementNumber])).toEqual([['Yayasan Tanpa Izin', 'PKS-TI']]);
    expect(ofKind(list, 'licence_expired').map((x) => [x.partnerName, x.licenceNumber, x.licenceValidUntil])).toEqual([
      ['Yayasan Izin Habis', 'IZ-2', '2024-03-14'],
    ]);
    expect(list.counts).toEqual({
      agreement_expiring: 0,
      agreement_expired_with_activity: 0,
      aggregator_without_agreement: 2,
      licence_missing: 1,
      licence_expired: 1,
    });
    // On 2024-03-16 the last-day licence has run out too.
    expect(ofKind(await alerts('2024-03-16'), 'licence_expired').map((x) => x.partnerName)).toEqual(['Yayasan Izin Habis', 'Yayasan Izin Hari Ini']);
  });

  it('refuses a date that is not a date', async () => {
    const result = await dispatch(handlers, 'alert:list', { asOf: '2024-02-30' }, ctx, silentLog);
    expect(result.ok ? 'ok' : result.error.code).toBe('invalid_input');
  });
});
