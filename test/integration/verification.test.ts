import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { need } from '../../db/schema';
import type { Input, Output, ProcedureName } from '../../electron/api/contract';
import { newId } from '../../electron/core/clock';
import type { CallContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { createHandlers, type Handlers } from '../../electron/core/handlers';
import type { OpenedCore } from '../../electron/core/open';
import { PNG } from '../fixtures/documents';
import { seedPartner, seedTarget, silentLog, someKelurahan } from '../fixtures/registry';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

// The fixed clock says 2024-03-15.

const account = (name: string, role: 'sekretariat' | 'skpd' | 'auditor', programIds: string[] = []): CallContext => ({
  actor: `user:${name}`,
  lang: 'id',
  user: { id: name, username: name, displayName: name, role, agencyId: role === 'skpd' ? 'dkpkp' : null, programIds },
});
const pelapor = account('pelapor', 'skpd', ['pangan']);
const skpd = account('dkpkp', 'skpd', ['pangan']);
const skpdLain = account('disdik', 'skpd', ['pendidikan']);
const sekretariat = account('sekretariat', 'sekretariat');

let t: TempDb;
let core: OpenedCore;
let handlers: Handlers;
let partnerId: string;
beforeEach(() => {
  t = createTempDb();
  core = t.open();
  handlers = createHandlers(core.deps);
  partnerId = seedPartner(core, { name: 'PT Sinar Jaya' });
});
afterEach(() => t.cleanup());

async function call<K extends ProcedureName>(name: K, input: Input<K>, ctx: CallContext): Promise<Output<K>> {
  const result = await dispatch(handlers, name, input, ctx, silentLog);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as Output<K>;
}
async function refused<K extends ProcedureName>(name: K, input: Input<K>, ctx: CallContext): Promise<string> {
  const result = await dispatch(handlers, name, input, ctx, silentLog);
  if (result.ok) throw new Error(`${name} was not refused`);
  return result.error.code;
}

const report = async (quantity: number, targetId: string | null = null, itemTypeId = 'pangan.paket-sembako') =>
  (await call('distribution:create', { partnerId, itemTypeId, quantity, targetId, regionCode: targetId ? null : someKelurahan(core), distributedOn: '2024-03-01' }, pelapor)).id;

const statusOf = (id: string) => (core.deps.db.$client.prepare('SELECT verification_status AS s FROM distribution WHERE id = ?').get(id) as { s: string }).s;
const count = (sql: string) => (core.deps.db.$client.prepare(sql).get() as { n: number }).n;

function seedNeed(targetId: string, quantity: number, itemTypeId = 'pangan.paket-sembako'): void {
  core.deps.db
    .insert(need)
    .values({ id: newId(), createdAt: '2024-01-01T00:00:00Z', hlc: core.deps.hlc.tick(), targetId, itemTypeId, periodFrom: '2024-01-01', periodTo: '2024-12-31', quantity, createdBy: 'test' })
    .run();
}

describe('verification levels', () => {
  it('moves rows up one level at a time, each act one audit entry and one outbox mutation', async () => {
    const [a, b] = [await report(10), await report(5)];
    const audits = count('SELECT count(*) AS n FROM audit_log');
    const outbox = count('SELECT count(*) AS n FROM sync_outbox');
    expect(await refused('distribution:verify', { level: 'sekretariat', selection: { ids: [a] } }, sekretariat)).toBe('verification_wrong_status');
    const wilayah = await call('distribution:verify', { level: 'wilayah', selection: { ids: [a, b] } }, skpd);
    expect(wilayah).toMatchObject({ rows: 2, units: [{ unit: 'paket', quantity: 15 }], toStatus: 'diverifikasi_wilayah', dryRun: false });
    expect(count('SELECT count(*) AS n FROM audit_log')).toBe(audits + 1);
    expect(count('SELECT count(*) AS n FROM sync_outbox')).toBe(outbox + 1);
    expect(await refused('distribution:verify', { level: 'wilayah', selection: { ids: [a] } }, skpd)).toBe('verification_wrong_status');
    await call('distribution:verify', { level: 'sekretariat', selection: { ids: [a] } }, sekretariat);
    expect([statusOf(a), statusOf(b)]).toEqual(['diverifikasi_sekretariat', 'diverifikasi_wilayah']);
    const history = await call('distribution:history', { id: a }, skpd);
    expect(history.events.map((e) => [e.action, e.fromStatus, e.toStatus, e.actor])).toEqual([
      ['report', null, 'dilaporkan', 'user:pelapor'],
      ['verify', 'dilaporkan', 'diverifikasi_wilayah', 'user:dkpkp'],
      ['verify', 'diverifikasi_wilayah', 'diverifikasi_sekretariat', 'user:sekretariat'],
    ]);
  });

  it('a dry run says how many rows and units without writing', async () => {
    const a = await report(7);
    const outcome = await call('distribution:verify', { level: 'wilayah', selection: { ids: [a] }, dryRun: true }, skpd);
    expect(outcome).toMatchObject({ dryRun: true, verificationId: null, rows: 1, units: [{ unit: 'paket', quantity: 7 }] });
    expect(statusOf(a)).toBe('dilaporkan');
  });

  it('a filter takes only the rows at the level below', async () => {
    const [a, b] = [await report(1), await report(2)];
    await call('distribution:verify', { level: 'wilayah', selection: { ids: [a] } }, skpd);
    const outcome = await call('distribution:verify', { level: 'sekretariat', selection: { filter: { programId: 'pangan' } } }, sekretariat);
    expect(outcome.rows).toBe(1);
    expect([statusOf(a), statusOf(b)]).toEqual(['diverifikasi_sekretariat', 'dilaporkan']);
    expect(await refused('distribution:verify', { level: 'sekretariat', selection: { filter: { programId: 'pangan' } } }, sekretariat)).toBe('verification_nothing_selected');
  });

  it('four-eyes: the reporter cannot verify; a Sekretariat account can with the audited override', async () => {
    const own = (await call('distribution:create', { partnerId, itemTypeId: 'pangan.paket-sembako', quantity: 3, regionCode: someKelurahan(core), distributedOn: '2024-03-01' }, sekretariat)).id;
    expect(await refused('distribution:verify', { level: 'wilayah', selection: { ids: [own] } }, sekretariat)).toBe('verification_four_eyes');
    const a = await report(4);
    expect(await refused('distribution:verify', { level: 'wilayah', selection: { ids: [a] }, override: true }, pelapor)).toBe('role_required');
    const outcome = await call('distribution:verify', { level: 'wilayah', selection: { ids: [own] }, override: true }, sekretariat);
    expect(outcome.overridden).toBe(1);
    const audit = core.deps.db.$client.prepare("SELECT changes FROM audit_log WHERE action = 'verify' ORDER BY seq DESC LIMIT 1").get() as { changes: string };
    expect(JSON.parse(audit.changes)).toMatchObject({ override: true, overriddenRows: 1 });
  });

  it('records evidence from the document store with the act, and refuses evidence that is not there', async () => {
    const a = await report(5);
    const photo = await call('distribution:evidence', { fileName: 'foto serah terima.png', contentBase64: PNG.toString('base64') }, skpd);
    expect(photo).toMatchObject({ mediaType: 'image/png', fileName: 'foto serah terima.png' });
    expect(await refused('distribution:evidence', { fileName: 'bast.pdf', contentBase64: PNG.toString('base64') }, skpd)).toBe('document_content_mismatch');
    expect(await refused('distribution:verify', { level: 'wilayah', selection: { ids: [a] }, evidence: ['0'.repeat(64)] }, skpd)).toBe('not_found');
    await call('distribution:verify', { level: 'wilayah', selection: { ids: [a] }, evidence: [photo.sha256], reason: 'dicek di lokasi' }, skpd);
    expect((await call('distribution:history', { id: a }, skpd)).events.at(-1)).toMatchObject({ action: 'verify', evidence: [photo.sha256], reason: 'dicek di lokasi' });
  });

  it('an SKPD officer verifies only rows of its own programs', async () => {
    const a = await report(4);
    expect(await refused('distribution:verify', { level: 'wilayah', selection: { ids: [a] } }, skpdLain)).toBe('program_out_of_scope');
    expect(statusOf(a)).toBe('dilaporkan');
  });

  it('rejects at any level with a reason; the correction is a new reported row linked to the old', async () => {
    const a = await report(10);
    await call('distribution:verify', { level: 'wilayah', selection: { ids: [a] } }, skpd);
    await call('distribution:reject', { selection: { ids: [a] }, reason: 'Foto serah terima tidak ada' }, sekretariat);
    expect(statusOf(a)).toBe('ditolak');
    expect(await refused('distribution:reject', { selection: { ids: [a] }, reason: 'lagi' }, sekretariat)).toBe('verification_wrong_status');
    expect(await refused('distribution:update', { id: a, quantity: 9 }, pelapor)).toBe('distribution_rejected_correct');
    const listed = await call('distribution:list', { status: 'ditolak' }, skpd);
    expect(listed.rows[0]).toMatchObject({ id: a, rejectedReason: 'Foto serah terima tidak ada' });
    const corrected = await call('distribution:correct', { id: a, quantity: 9 }, pelapor);
    expect(corrected).toMatchObject({ replacesId: a, verificationStatus: 'dilaporkan', quantity: 9 });
    expect((await call('distribution:history', { id: a }, skpd)).row.replacedById).toBe(corrected.id);
    expect(await refused('distribution:correct', { id: a, quantity: 8 }, pelapor)).toBe('distribution_already_corrected');
    expect(await refused('distribution:correct', { id: corrected.id, quantity: 8 }, pelapor)).toBe('distribution_not_rejected');
  });

  it('editing a verified row asks first, then resets it to dilaporkan', async () => {
    const a = await report(10);
    await call('distribution:verify', { level: 'wilayah', selection: { ids: [a] } }, skpd);
    expect(await refused('distribution:update', { id: a, quantity: 12 }, pelapor)).toBe('verification_reset_confirm');
    expect(statusOf(a)).toBe('diverifikasi_wilayah');
    const edited = await call('distribution:update', { id: a, quantity: 12, confirmReset: true }, pelapor);
    expect(edited).toMatchObject({ reset: true, row: { quantity: 12, verificationStatus: 'dilaporkan' } });
    // A Rupiah item's value follows its quantity; another item keeps its stated value.
    const money = (await call('distribution:create', { partnerId, itemTypeId: 'pangan.uang', quantity: 1_000_000, regionCode: someKelurahan(core), distributedOn: '2024-03-01' }, pelapor)).id;
    expect((await call('distribution:update', { id: money, quantity: 2_000_000 }, pelapor)).row.valueRupiah).toBe(2_000_000);
    const valued = (await call('distribution:create', { partnerId, itemTypeId: 'pangan.paket-sembako', quantity: 10, valueRupiah: 2_500_000, regionCode: someKelurahan(core), distributedOn: '2024-03-01' }, pelapor)).id;
    expect((await call('distribution:update', { id: valued, quantity: 11 }, pelapor)).row.valueRupiah).toBe(2_500_000);
    const events = (await call('distribution:history', { id: a }, skpd)).events;
    expect(events.at(-1)).toMatchObject({ action: 'reset', fromStatus: 'diverifikasi_wilayah', toStatus: 'dilaporkan' });
    // A reported row is edited without a question.
    expect(await call('distribution:update', { id: a, notes: 'tahap 1' }, pelapor)).toMatchObject({ reset: false });
  });

  it('recaps count by verification level', async () => {
    const [a] = [await report(10), await report(5)];
    await call('distribution:verify', { level: 'wilayah', selection: { ids: [a] } }, skpd);
    const realised = async (verification?: 'dilaporkan' | 'diverifikasi_wilayah' | 'diverifikasi_sekretariat') => {
      const recap = await call('recap:wilayah', { filters: { channel: 'all', verification } }, skpd);
      return recap.totals.items.find((i) => i.itemTypeId === 'pangan.paket-sembako')?.realised ?? 0;
    };
    expect(await realised()).toBe(15);
    expect(await realised('diverifikasi_wilayah')).toBe(10);
    expect(await realised('diverifikasi_sekretariat')).toBe(0);
    await call('distribution:verify', { level: 'sekretariat', selection: { ids: [a] } }, sekretariat);
    expect(await realised('diverifikasi_sekretariat')).toBe(10);
  });
});

describe('open needs and matching', () => {
  it('open = need − realised − still-open assignments, with a pledge split over two targets', async () => {
    const region = someKelurahan(core);
    const [x, y] = [seedTarget(core, 'Panti Asuhan X', region), seedTarget(core, 'Panti Asuhan Y', region)];
    seedNeed(x, 100);
    seedNeed(y, 40);
    const pledgeId = (await call('pledge:create', { partnerId, itemTypeId: 'pangan.paket-sembako', quantity: 90, regionCode: region, pledgedOn: '2024-03-01' }, pelapor)).id;
    const proposals = await call('pledge:proposals', { pledgeId }, skpd);
    expect(proposals.pledge.unassigned).toBe(90);
    expect(proposals.proposals.map((p) => [p.targetName, p.open, p.nearness])).toEqual([
      ['Panti Asuhan X', 100, 'kelurahan'],
      ['Panti Asuhan Y', 40, 'kelurahan'],
    ]);
    await call('pledge:assign', { pledgeId, parts: [{ targetId: x, quantity: 60 }, { targetId: y, quantity: 30 }] }, skpd);
    // The partner delivers 20 of its 60 to X; another partner delivers 15 to Y.
    await call('distribution:create', { partnerId, itemTypeId: 'pangan.paket-sembako', quantity: 20, targetId: x, distributedOn: '2024-03-02' }, pelapor);
    const other = seedPartner(core, { name: 'Yayasan Lain' });
    await call('distribution:create', { partnerId: other, itemTypeId: 'pangan.paket-sembako', quantity: 15, targetId: y, distributedOn: '2024-03-02' }, pelapor);
    const open = await call('target:open', { programId: 'pangan' }, skpd);
    const byName = Object.fromEntries(open.rows.map((r) => [r.targetName, [r.need, r.realised, r.assignedOpen, r.open]]));
    expect(byName).toEqual({ 'Panti Asuhan X': [100, 20, 40, 40], 'Panti Asuhan Y': [40, 15, 30, -5] });
    const perKelurahan = await call('target:open', { programId: 'pangan', level: 'kelurahan' }, skpd);
    expect(perKelurahan.rows.map((r) => [r.regionCode, r.need, r.realised, r.assignedOpen, r.open])).toEqual([[region, 140, 35, 70, 35]]);
    expect((await call('target:open', { onlyOpen: true }, skpd)).rows.map((r) => r.targetName)).toEqual(['Panti Asuhan X']);
  });

  it('never assigns beyond the pledge, nor beyond the need without the explicit confirmation', async () => {
    const region = someKelurahan(core);
    const x = seedTarget(core, 'Panti Asuhan X', region);
    seedNeed(x, 10);
    const pledgeId = (await call('pledge:create', { partnerId, itemTypeId: 'pangan.paket-sembako', quantity: 50, regionCode: region, pledgedOn: '2024-03-01' }, pelapor)).id;
    expect(await refused('pledge:assign', { pledgeId, parts: [{ targetId: x, quantity: 60 }] }, skpd)).toBe('assignment_beyond_pledge');
    expect(await refused('pledge:assign', { pledgeId, parts: [{ targetId: x, quantity: 25 }] }, skpd)).toBe('assignment_beyond_need');
    const assigned = await call('pledge:assign', { pledgeId, parts: [{ targetId: x, quantity: 25 }], confirmBeyondNeed: true }, skpd);
    expect(assigned.assignments).toMatchObject([{ targetId: x, quantity: 25, beyondNeed: true }]);
    expect((await call('target:open', {}, skpd)).rows[0]).toMatchObject({ need: 10, assignedOpen: 25, open: -15 });
    expect(await refused('pledge:assign', { pledgeId, parts: [{ targetId: x, quantity: 1 }] }, skpdLain)).toBe('program_out_of_scope');
    const left = await call('pledge:unassign', { assignmentId: assigned.assignments[0]?.id as string }, skpd);
    expect(left.assignments).toEqual([]);
    expect((await call('target:open', {}, skpd)).rows[0]).toMatchObject({ open: 10 });
  });
});
