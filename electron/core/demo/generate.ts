import { createHash } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { prepareBulkInsert } from '../../../db/queries/bulk';
import {
  agreement,
  agreementProgram,
  distribution,
  fundTransfer,
  importBatch,
  itemType,
  need,
  partner,
  partnerProgram,
  pledge,
  program,
  region,
  target,
} from '../../../db/schema';
import type { VerificationStatus } from '../../../db/schema/activity';
import type { EntityKind } from '../../../db/schema/partners';
import type { TargetKind } from '../../../db/schema/targets';
import { AppError } from '../../api/errors';
import { inTransaction, journalWrite } from '../audit/journal';
import type { CoreDeps } from '../context';
import { normalizePartnerName } from '../partners/normalize';
import { ensureRw } from '../regions/service';
import { aggregatorNames, collaboratorKinds, institutionName, partnerName, personName, slug } from './names';
import { createRandom, type Random } from './random';

export interface DemoOptions {
  seed: number;
  partners: number;
  pledges: number;
  distributions: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoCounts {
  seed: number;
  batchId: string;
  partners: number;
  aggregators: number;
  agreements: number;
  targets: number;
  needs: number;
  pledges: number;
  distributions: number;
  fundTransfers: number;
}

/** The demo covers KSBB's first two years; every PKS and licence is valid throughout. */
const PERIOD_FROM = Date.UTC(2020, 3, 22);
const PERIOD_DAYS = 619; // 2020-04-22 … 2021-12-31
const PKS_FROM = '2020-04-22';
const PKS_UNTIL = '2022-04-21';
const LICENCE_UNTIL = '2023-12-31';
const DAY_MS = 86_400_000;
const ID_EPOCH = Date.UTC(2022, 0, 1);

/** Item types the demo uses, how often, in what quantities and at what unit value (Rupiah items: value = quantity). */
const demoItems: readonly { id: string; weight: number; min: number; max: number; unitPrice: number | null }[] = [
  { id: 'pangan.paket-sembako', weight: 30, min: 20, max: 500, unitPrice: 250_000 },
  { id: 'pangan.paket-makan-siap-saji', weight: 20, min: 50, max: 1000, unitPrice: 25_000 },
  { id: 'pangan.paket-lebaran', weight: 6, min: 20, max: 300, unitPrice: 350_000 },
  { id: 'pangan.thr', weight: 2, min: 1, max: 50, unitPrice: 500_000 },
  { id: 'pangan.uang', weight: 2, min: 1, max: 200, unitPrice: null },
  { id: 'pendidikan.gawai-pelajar', weight: 5, min: 5, max: 100, unitPrice: 1_500_000 },
  { id: 'pendidikan.laptop-pendidik', weight: 2, min: 1, max: 30, unitPrice: 6_000_000 },
  { id: 'pendidikan.simcard', weight: 4, min: 20, max: 500, unitPrice: 50_000 },
  { id: 'umkm.pelatihan', weight: 3, min: 1, max: 5, unitPrice: 15_000_000 },
  { id: 'umkm.peserta-pelatihan', weight: 3, min: 10, max: 200, unitPrice: 0 },
  { id: 'umkm.sarana-prasarana', weight: 2, min: 1, max: 20, unitPrice: 2_500_000 },
  { id: 'umkm.permodalan', weight: 2, min: 1, max: 100, unitPrice: null },
  { id: 'ketenagakerjaan.kegiatan-pelatihan', weight: 3, min: 1, max: 4, unitPrice: 20_000_000 },
  { id: 'ketenagakerjaan.peserta-pelatihan', weight: 3, min: 10, max: 150, unitPrice: 0 },
  { id: 'permukiman.tanaman', weight: 3, min: 20, max: 500, unitPrice: 50_000 },
  { id: 'permukiman.tempat-duduk', weight: 2, min: 2, max: 20, unitPrice: 1_500_000 },
  { id: 'permukiman.konstruksi-aset', weight: 1, min: 1, max: 3, unitPrice: 50_000_000 },
  { id: 'persampahan.tempat-sampah', weight: 4, min: 5, max: 100, unitPrice: 750_000 },
  { id: 'persampahan.konstruksi-aset', weight: 1, min: 1, max: 2, unitPrice: 75_000_000 },
];

const statuses: readonly (readonly [VerificationStatus, number])[] = [
  ['diverifikasi_sekretariat', 60],
  ['diverifikasi_wilayah', 20],
  ['dilaporkan', 17],
  ['ditolak', 3],
];

const institutionKinds = ['pesantren', 'panti_asuhan', 'panti_werdha', 'panti_disabilitas'] as const;

interface DemoItem {
  id: string;
  programId: string;
  min: number;
  max: number;
  unitPrice: number | null;
}

interface DemoTarget {
  id: string;
  regionCode: string;
}

/** Quantity and value of one pledge or distribution; Rupiah items are whole millions. */
function amount(random: Random, item: DemoItem): { quantity: number; valueRupiah: number | null } {
  const n = random.int(item.min, item.max);
  if (item.unitPrice === null) return { quantity: n * 1_000_000, valueRupiah: n * 1_000_000 };
  return { quantity: n, valueRupiah: item.unitPrice === 0 ? null : n * item.unitPrice };
}

function existingData(deps: CoreDeps): { partners: number; targets: number; distributions: number } {
  return deps.db.get(sql`
    SELECT (SELECT count(*) FROM partner) AS partners,
           (SELECT count(*) FROM target) AS targets,
           (SELECT count(*) FROM distribution) AS distributions`);
}

/**
 * Fills an empty database with realistic, reproducible demo data: the same seed and sizes give
 * the same rows (ids included). Everything is one import batch written in one transaction, with
 * one audit entry per table and one outbox mutation for the batch.
 */
export function createDemoData(deps: CoreDeps, actor: string, options: DemoOptions): DemoCounts {
  const { db } = deps;
  const existing = existingData(deps);
  if (existing.partners + existing.targets + existing.distributions > 0) {
    throw new AppError('database_not_empty', { path: deps.paths.databasePath, ...existing });
  }
  const random = createRandom(options.seed);
  const days = Array.from({ length: PERIOD_DAYS }, (_, d) => new Date(PERIOD_FROM + d * DAY_MS).toISOString().slice(0, 10));
  let idCounter = 0;
  /**
   * UUIDv7 as if made by one import at a fixed moment, a millisecond apart, with random bits from
   * the seed: the same seed gives the same ids, and they arrive in index order as real ones do.
   */
  const nextId = () => uuidv7({ msecs: ID_EPOCH + idCounter++, random: random.bytes(16) });

  const knownItems = new Map(db.select({ id: itemType.id, programId: itemType.programId }).from(itemType).all().map((r) => [r.id, r]));
  const items = demoItems.map((d): readonly [DemoItem, number] => {
    const known = knownItems.get(d.id);
    if (!known) throw new AppError('not_found', { what: 'jenis bantuan', id: d.id });
    return [{ ...d, programId: known.programId }, d.weight];
  });
  const kelurahan = db.select({ code: region.code, name: region.name }).from(region).where(eq(region.level, 'kelurahan')).orderBy(asc(region.code)).all();
  const agencyOf = new Map(db.select({ id: program.id, agencyId: program.agencyId }).from(program).all().map((p) => [p.id, p.agencyId]));

  const batchId = nextId();
  const createdAt = deps.clock.now().toISOString();
  const stamp = deps.hlc.tick();
  const base = { createdAt, hlc: stamp, deletedAt: null, importBatchId: batchId, createdBy: actor };

  return inTransaction(db, () => {
    const sourceFile = `demo seed=${options.seed} partners=${options.partners} pledges=${options.pledges} distributions=${options.distributions}`;
    db.insert(importBatch)
      .values({
        id: batchId,
        kind: 'demo',
        fileName: sourceFile,
        fileSha256: createHash('sha256').update(sourceFile).digest('hex'),
        importedAt: createdAt,
        importedBy: actor,
        rowsTotal: 0,
        rowsImported: 0,
        rowsRejected: 0,
        rowsDuplicate: 0,
      })
      .run();
    let sourceRow = 0;

    // Partners: a few licensed aggregators, the rest collaborators.
    const insertPartner = prepareBulkInsert(db, partner);
    const aggregatorCount = options.partners < 2 ? 0 : Math.min(options.partners - 1, Math.max(1, Math.round(options.partners * 0.05)));
    const usedNames = new Set<string>();
    const uniqueName = (name: string) => {
      let candidate = name;
      for (let n = 2; usedNames.has(normalizePartnerName(candidate)); n++) candidate = `${name} ${n}`;
      usedNames.add(normalizePartnerName(candidate));
      return candidate;
    };
    const aggregators: string[] = [];
    const collaborators: { id: string; kind: EntityKind }[] = [];
    for (let i = 0; i < options.partners; i++) {
      const isAggregator = i < aggregatorCount;
      const home = random.pick(kelurahan);
      const kind: EntityKind = isAggregator ? random.pick(['lembaga_filantropi', 'lembaga_sosial'] as const) : random.weighted(collaboratorKinds);
      const name = uniqueName(
        isAggregator
          ? (aggregatorNames[i] ?? `Yayasan ${partnerName(random, 'lembaga_sosial', home.name).slice(8)} Peduli`)
          : partnerName(random, kind, home.name),
      );
      const id = nextId();
      const contact = personName(random);
      insertPartner({
        ...base,
        id,
        name,
        normalizedName: normalizePartnerName(name),
        entityKind: kind,
        isCollaborator: !isAggregator,
        isAggregator,
        legalEntityNumber: isAggregator || kind !== 'perorangan' ? `AHU-${String(random.int(1, 99999)).padStart(7, '0')}.AH.01.04.Tahun ${random.int(2005, 2019)}` : null,
        collectsMoney: isAggregator,
        licenceKind: isAggregator ? 'izin_pub' : null,
        licenceNumber: isAggregator ? `${random.int(100, 999)}/-1.855.3` : null,
        licenceIssuer: isAggregator ? 'Dinas Sosial Provinsi DKI Jakarta' : null,
        licenceValidUntil: isAggregator ? LICENCE_UNTIL : null,
        npwp: kind === 'perorangan' ? null : `${random.int(10, 99)}.${random.int(100, 999)}.${random.int(100, 999)}.${random.int(1, 9)}-${random.int(100, 999)}.000`,
        contactName: contact,
        phone: `+628${random.int(11, 59)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
        email: `${slug(kind === 'perorangan' ? name : contact)}@${slug(name) || 'mitra'}.or.id`,
        address: `Jl. ${random.pick(['Merdeka', 'Sudirman', 'Thamrin', 'Gatot Subroto', 'Rasuna Said', 'Pemuda', 'Pramuka'])} No. ${random.int(1, 200)}`,
        regionCode: home.code,
        verified: isAggregator || random.chance(0.85),
        notes: null,
        archivedAt: null,
        mergedIntoId: null,
        sourceRow: ++sourceRow,
      });
      if (isAggregator) aggregators.push(id);
      else collaborators.push({ id, kind });
    }

    // PKS: every aggregator signs one covering the whole period; some collaborators too.
    const insertAgreement = prepareBulkInsert(db, agreement);
    const insertAgreementProgram = prepareBulkInsert(db, agreementProgram);
    const programIds = [...new Set(items.map(([item]) => item.programId))];
    let agreements = 0;
    const sign = (partnerId: string, programs: string[]) => {
      const id = nextId();
      agreements += 1;
      insertAgreement({
        ...base,
        id,
        number: `${String(agreements).padStart(3, '0')}/PKS/KSBB/-1.863/${PKS_FROM.slice(0, 4)}`,
        partnerId,
        agencyId: agencyOf.get(programs[0] ?? 'pangan') ?? null,
        signedOn: PKS_FROM,
        validFrom: PKS_FROM,
        validUntil: PKS_UNTIL,
        status: 'signed',
        parentAgreementId: null,
        notes: null,
        sourceRow: ++sourceRow,
      });
      for (const programId of programs) insertAgreementProgram({ agreementId: id, programId });
    };
    for (const id of aggregators) sign(id, programIds);
    for (const c of collaborators) if (random.chance(0.3)) sign(c.id, [random.pick(programIds)]);

    // Programs joined: aggregators serve every program, collaborators one or two.
    const insertPartnerProgram = prepareBulkInsert(db, partnerProgram);
    for (const partnerId of aggregators) for (const programId of programIds) insertPartnerProgram({ partnerId, programId });
    for (const c of collaborators) {
      const first = random.pick(programIds);
      insertPartnerProgram({ partnerId: c.id, programId: first });
      const second = random.pick(programIds);
      if (second !== first && random.chance(0.3)) insertPartnerProgram({ partnerId: c.id, programId: second });
    }

    // Targets: RW with their keluarga rentan (RW rows made on demand) and institutions.
    const insertTarget = prepareBulkInsert(db, target);
    const targetCount = Math.min(3000, Math.max(30, Math.ceil(options.distributions / 25)));
    const targets: DemoTarget[] = [];
    const rwTargets: { target: DemoTarget; families: number }[] = [];
    const usedRw = new Set<string>();
    for (let i = 0; i < targetCount; i++) {
      const kel = random.pick(kelurahan);
      const isRw = random.chance(0.8);
      let regionCode = kel.code;
      let kind: TargetKind = 'rw';
      let name: string;
      let families: number | null = null;
      if (isRw) {
        let rw = random.int(1, 20);
        while (usedRw.has(`${kel.code}.${rw}`) && rw < 999) rw += 20;
        usedRw.add(`${kel.code}.${rw}`);
        regionCode = ensureRw(db, kel.code, rw);
        name = `RW ${String(rw).padStart(3, '0')} ${kel.name}`;
        families = random.int(40, 600);
      } else {
        kind = random.pick(institutionKinds);
        name = institutionName(random, kind);
      }
      const t = { id: nextId(), regionCode };
      insertTarget({
        ...base,
        ...t,
        kind,
        name,
        vulnerableFamilies: families,
        picName: personName(random),
        picPhone: `+628${random.int(11, 59)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
        notes: null,
        sourceRow: ++sourceRow,
      });
      targets.push(t);
      if (families !== null) rwTargets.push({ target: t, families });
    }

    // Needs: sembako for every RW (two packages per vulnerable family), makan siap saji for some.
    const insertNeed = prepareBulkInsert(db, need);
    let needs = 0;
    for (const { target: t, families } of rwTargets) {
      for (const [itemId, perFamily, p] of [['pangan.paket-sembako', 2, 1], ['pangan.paket-makan-siap-saji', 6, 0.4]] as const) {
        if (!random.chance(p)) continue;
        needs += 1;
        insertNeed({
          ...base,
          id: nextId(),
          targetId: t.id,
          itemTypeId: itemId,
          periodFrom: PKS_FROM,
          periodTo: '2021-12-31',
          quantity: families * perFamily,
          notes: null,
          sourceRow: ++sourceRow,
        });
      }
    }

    const collaboratorIds = collaborators.map((c) => c.id);
    const viaAggregator = () => (aggregators.length > 0 && random.chance(0.4) ? random.pick(aggregators) : null);

    const insertPledge = prepareBulkInsert(db, pledge);
    for (let i = 0; i < options.pledges; i++) {
      const item = random.weighted(items);
      const day = random.pick(days);
      const aggregatorId = viaAggregator();
      const t = aggregatorId ? null : random.pick(targets);
      insertPledge({
        ...base,
        id: nextId(),
        partnerId: random.pick(collaboratorIds),
        aggregatorId,
        itemTypeId: item.id,
        ...amount(random, item),
        targetId: t?.id ?? null,
        regionCode: t?.regionCode ?? null,
        pledgedOn: day,
        notes: null,
        sourceRow: ++sourceRow,
      });
    }

    const insertDistribution = prepareBulkInsert(db, distribution);
    const progressEvery = Math.max(1, Math.floor(options.distributions / 20));
    for (let i = 0; i < options.distributions; i++) {
      const item = random.weighted(items);
      const day = random.pick(days);
      const t = random.pick(targets);
      const { quantity, valueRupiah } = amount(random, item);
      // Spelled out, not spread: an object literal with spreads is several times slower to build,
      // and this runs once per row of a million-row demo.
      insertDistribution({
        id: nextId(),
        createdAt,
        hlc: stamp,
        deletedAt: null,
        partnerId: random.pick(collaboratorIds),
        aggregatorId: viaAggregator(),
        itemTypeId: item.id,
        quantity,
        valueRupiah,
        targetId: t.id,
        regionCode: t.regionCode,
        distributedOn: day,
        verificationStatus: random.weighted(statuses),
        notes: null,
        importBatchId: batchId,
        sourceRow: ++sourceRow,
        createdBy: actor,
      });
      if ((i + 1) % progressEvery === 0) options.onProgress?.(i + 1, options.distributions);
    }

    const insertFundTransfer = prepareBulkInsert(db, fundTransfer);
    const fundTransfers = aggregators.length === 0 ? 0 : Math.max(aggregators.length, Math.round(options.pledges / 20));
    for (let i = 0; i < fundTransfers; i++) {
      const day = random.pick(days);
      insertFundTransfer({
        ...base,
        id: nextId(),
        donorId: random.pick(collaboratorIds),
        aggregatorId: aggregators[i % aggregators.length] as string,
        programId: 'pangan',
        amountRupiah: random.int(1, 1000) * 10_000_000,
        transferredOn: day,
        reference: `TRF/${day.replaceAll('-', '')}/${String(i + 1).padStart(5, '0')}`,
        notes: null,
        sourceRow: ++sourceRow,
      });
    }

    const counts: DemoCounts = {
      seed: options.seed,
      batchId,
      partners: options.partners,
      aggregators: aggregators.length,
      agreements,
      targets: targets.length,
      needs,
      pledges: options.pledges,
      distributions: options.distributions,
      fundTransfers,
    };
    db.update(importBatch).set({ rowsTotal: sourceRow, rowsImported: sourceRow }).where(eq(importBatch.id, batchId)).run();
    for (const [tableName, rows] of [
      ['partner', counts.partners],
      ['agreement', counts.agreements],
      ['target', counts.targets],
      ['need', counts.needs],
      ['pledge', counts.pledges],
      ['distribution', counts.distributions],
      ['fund_transfer', counts.fundTransfers],
    ] as const) {
      journalWrite(deps, { actor, action: 'import', tableName, recordId: batchId, changes: { rows }, importBatchId: batchId });
    }
    journalWrite(
      deps,
      { actor, action: 'import', tableName: 'import_batch', recordId: batchId, changes: { kind: 'demo', rows: sourceRow }, importBatchId: batchId },
      { tableName: 'import_batch', recordId: batchId, op: 'import_batch', payload: { kind: 'demo', rows: sourceRow } },
    );
    return counts;
  });
}
