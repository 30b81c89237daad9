import { hash } from 'node:crypto';
import type { Db } from '../../../db/connection';
import { normalizeEmail, normalizeNpwp, normalizePhone } from '../../api/contact-fields';
import { EARLIEST_ACTIVITY_DATE } from '../../api/procedures/activity';
import type { ImportRowStatus, SubmissionFieldKey, SubmissionKind } from '../../api/procedures/imports';
import { rwCode } from '../regions/codes';
import { agreementStatusChoices, entityKindChoices, licenceKindChoices, matchChoice, roleChoices, targetKindChoices } from './choices';
import { fieldOf } from './kinds';
import type { ItemMatch, Lookups, PartnerMatch } from './lookups';
import type { ChosenLayout, ReadRow } from './protocol';
import { normaliseLabel, parseRupiah } from './values';

/**
 * Checks one read row of a submission against the rules and the database, and answers either
 * every reason it is refused (row, column as headed in the file, value found, code, message
 * key) or the record to write. Nothing is written here; `commit.ts` writes what this prepared.
 */

/** One reason a row is refused; the message is made in the reader's language when it is shown. */
/**
 * The stored records an imported row with natural key `?` duplicates: live ones — except a
 * distribution rejected at verification, which its submitter corrects and sends again (issue 10).
 */
export function duplicateOf(table: Exclude<RecordTable, 'partner'>): string {
  return `natural_key = ? AND deleted_at IS NULL${table === 'distribution' ? " AND verification_status <> 'ditolak'" : ''}`;
}

export interface RowReason {
  row: number;
  column: string;
  value: string;
  code: string;
  /** The message key: `importValues.<code>` for a cell that cannot be read, `imports.reasons.<code>` for a rule. */
  messageKey: string;
  params: Record<string, string | number>;
}

/** A collaborator the registry does not know yet: created with the batch, unverified. */
export interface NewPartner {
  key: string;
  name: string;
}

export type RecordTable = 'partner' | 'agreement' | 'need' | 'pledge' | 'distribution' | 'fund_transfer';

export interface PreparedRecord {
  table: RecordTable;
  /** The row's columns by drizzle property name, without id, clock and provenance. */
  values: Record<string, unknown>;
  /** What makes the record the same when it is submitted again (for a partner: its normalised name). */
  naturalKey: string;
  /** The giver when it is not in the registry yet; its id goes into `newPartnerField`. */
  newPartner: NewPartner | null;
  newPartnerField: 'partnerId' | 'donorId' | null;
  /** The RW region the record names, created at commit when it does not exist yet. */
  rw: { kelurahanCode: string; rw: number } | null;
  /** Programs joined (partners) or covered (agreements). */
  programIds: readonly string[];
}

export interface CheckedRow {
  row: number;
  status: ImportRowStatus;
  texts: Record<string, string>;
  reasons: RowReason[];
  duplicateOfBatchId: string | null;
  record: PreparedRecord | null;
}

export const recordTables: Record<SubmissionKind, RecordTable> = {
  partners: 'partner',
  agreements: 'agreement',
  needs: 'need',
  pledges: 'pledge',
  distributions: 'distribution',
  'fund-transfers': 'fund_transfer',
};

/** The latest date a need's period may name: plans reach a few years ahead, not decades. */
const LATEST_PERIOD_DATE = '2099-12-31';

type Key = SubmissionFieldKey;

/** The reasons of one row and the readers of its cells. */
class RowCheck {
  readonly reasons: RowReason[] = [];

  constructor(
    readonly kind: SubmissionKind,
    readonly read: ReadRow,
    private readonly columnOf: (key: Key) => string,
  ) {}

  text(key: Key): string {
    return this.read.texts[key] ?? '';
  }

  fail(key: Key, code: string, params: Record<string, string | number> = {}): null {
    this.reasons.push({ row: this.read.row, column: this.columnOf(key), value: this.text(key), code, messageKey: `imports.reasons.${code}`, params });
    return null;
  }

  /** The cell's text (null when empty); a required empty cell is a reason; a text longer than the column allows is one too. */
  string(key: Key): string | null {
    const text = this.text(key);
    const field = fieldOf(this.kind, key);
    if (text === '') return field?.required ? this.fail(key, 'required_empty') : null;
    if (field?.maxLength !== undefined && text.length > field.maxLength) return this.fail(key, 'text_too_long', { max: field.maxLength, length: text.length });
    return text;
  }

  /** The value the worker parsed from the cell (null when empty or unreadable, with the reason). */
  parsed<T>(key: Key): T | null {
    if (this.string(key) === null) return null;
    const value = this.read.values[key];
    if (!value) return null;
    if (!value.ok) {
      this.reasons.push({ row: this.read.row, column: this.columnOf(key), value: this.text(key), code: value.code, messageKey: `importValues.${value.code}`, params: value.params ?? {} });
      return null;
    }
    return value.value as T;
  }

  /** A date within `[from, to]`. */
  date(key: Key, from: string, to: string): string | null {
    const date = this.parsed<string>(key);
    if (date === null) return null;
    if (date < from || date > to) return this.fail(key, 'date_out_of_range', { date, from, to });
    return date;
  }

  positive(key: Key, value: number | null): number | null {
    if (value === null) return null;
    if (!Number.isSafeInteger(value) || value <= 0) return this.fail(key, 'quantity_not_positive', { value });
    return value;
  }

  choice<V extends string>(key: Key, choices: readonly (readonly [V, readonly string[]])[], code: string): V | null {
    const text = this.string(key);
    if (text === null) return null;
    return matchChoice(choices as Parameters<typeof matchChoice<V>>[0], text) ?? this.fail(key, code);
  }
}

export interface CheckEnv {
  db: Db;
  kind: SubmissionKind;
  layout: ChosenLayout;
  lookups: Lookups;
  /** Today by the injected clock: no activity date after it. */
  today: string;
}

const hashKey = (parts: readonly unknown[]) => hash('sha256', JSON.stringify(parts), 'hex').slice(0, 40);

export function createRowChecker(env: CheckEnv): (read: ReadRow) => CheckedRow {
  const { lookups, kind, layout } = env;
  const table = recordTables[kind];
  const headers = new Map(layout.columns.map((c) => [c.index, c.header]));
  const columnOf = (key: Key) => {
    const index = layout.mapping[key];
    return (index !== null && index !== undefined ? headers.get(index) : undefined) ?? fieldOf(kind, key)?.header ?? key;
  };
  const existing =
    table === 'partner'
      ? null
      : env.db.$client.prepare<[string], { batchId: string | null }>(`SELECT import_batch_id AS batchId FROM ${table} WHERE ${duplicateOf(table)} LIMIT 1`);
  const seen = new Set<string>();
  // A corrected row names the rejected distribution it replaces (rejected-rows workbook of verification).
  const rejectedRow =
    kind === 'distributions'
      ? env.db.$client.prepare<[string], { status: string; corrected: 0 | 1 }>(
          'SELECT verification_status AS status, EXISTS (SELECT 1 FROM distribution c WHERE c.replaces_id = d.id AND c.deleted_at IS NULL) AS corrected FROM distribution d WHERE id = ? AND deleted_at IS NULL',
        )
      : null;
  const replacedInFile = new Set<string>();

  /** The single live partner a name means, or the reason it does not mean one. */
  function partner(c: RowCheck, key: Key): { match: PartnerMatch | null; key: string } | null {
    const name = c.string(key);
    if (name === null) return null;
    const partnerKey = lookups.partnerKey(name);
    if (partnerKey === '') return c.fail(key, 'partner_name_invalid');
    const found = lookups.partners(partnerKey);
    if (found.length > 1) return c.fail(key, 'partner_ambiguous', { count: found.length });
    const match = found[0] ?? null;
    if (match?.archived) return c.fail(key, 'partner_inactive', { name: match.name });
    return { match, key: partnerKey };
  }

  /** The giver: a registered collaborator, or a new (unverified) one made from the name. */
  function giver(c: RowCheck, key: Key): { id: string | null; newPartner: NewPartner | null; key: string } | null {
    const found = partner(c, key);
    if (!found) return null;
    if (found.match === null) return { id: null, newPartner: { key: found.key, name: c.text(key) }, key: found.key };
    if (!found.match.isCollaborator) return c.fail(key, 'partner_not_collaborator', { name: found.match.name });
    return { id: found.match.id, newPartner: null, key: found.key };
  }

  /** The aggregator, which must be registered and may act on the date (with a licence when money is involved). */
  function aggregator(c: RowCheck, key: Key, date: string | null, money: boolean | null): { id: string; key: string } | null {
    const found = partner(c, key);
    if (!found) return null;
    if (found.match === null) return c.fail(key, 'aggregator_unknown');
    if (date === null || money === null) return { id: found.match.id, key: found.key };
    const answer = lookups.authority(`${found.match.id}|${date}|${money ? 1 : 0}`);
    if (answer.missing.length > 0) {
      return c.fail(key, 'aggregator_not_authorised', {
        aggregator: found.match.name,
        date,
        missing: answer.missing.map((gap) => `agreements.missing.${gap}`).join(','),
      });
    }
    return { id: found.match.id, key: found.key };
  }

  function program(c: RowCheck, key: Key): { id: string; name: string } | null {
    const text = c.string(key);
    if (text === null) return null;
    return lookups.program(text) ?? c.fail(key, 'program_unknown');
  }

  /** Programs named in one cell, separated by commas, semicolons or slashes. */
  function programList(c: RowCheck, key: Key): string[] {
    const text = c.string(key);
    if (text === null) return [];
    const ids: string[] = [];
    for (const part of text.split(/[,;/]|\bdan\b/)) {
      if (part.trim() === '') continue;
      const found = lookups.program(part);
      if (!found) {
        c.fail(key, 'program_unknown_in_list', { name: part.trim() });
        continue;
      }
      if (!ids.includes(found.id)) ids.push(found.id);
    }
    return ids;
  }

  /** The item type, looked up within the program when one is named. */
  function item(c: RowCheck, programKey: Key, itemKey: Key): ItemMatch | null {
    const chosen = c.text(programKey) === '' ? null : program(c, programKey);
    const text = c.string(itemKey);
    if (text === null || (c.text(programKey) !== '' && chosen === null)) return null;
    const candidates = lookups.items(text);
    const within = chosen ? candidates.filter((i) => i.programId === chosen.id) : candidates;
    if (within.length === 0) {
      return chosen && candidates.length > 0 ? c.fail(itemKey, 'item_not_in_program', { program: chosen.name }) : c.fail(itemKey, 'item_unknown');
    }
    if (within.length > 1) return c.fail(itemKey, 'item_ambiguous', { programs: within.map((i) => lookups.programs.find((p) => p.id === i.programId)?.name ?? i.programId).join(', ') });
    const found = within[0] as ItemMatch;
    if (found.archived) return c.fail(itemKey, 'item_archived', { name: found.name });
    return found;
  }

  /** Jumlah in the item's unit; for a Rupiah item an amount of money (`Rp 1 juta`). */
  function quantity(c: RowCheck, key: Key, found: ItemMatch | null): number | null {
    if (found?.money && c.text(key) !== '') {
      const amount = parseRupiah(c.text(key));
      if (!amount.ok) {
        c.reasons.push({ row: c.read.row, column: columnOf(key), value: c.text(key), code: amount.code, messageKey: `importValues.${amount.code}`, params: amount.params ?? {} });
        return null;
      }
      return c.positive(key, amount.value);
    }
    return c.positive(key, c.parsed<number>(key));
  }

  /** Kota → kecamatan → kelurahan (→ RW): the deepest wilayah the row names. */
  function place(c: RowCheck): { regionCode: string | null; kelurahanCode: string | null; rw: number | null } {
    const kota = c.parsed<string>('kota');
    const kecamatan = c.parsed<string>('kecamatan');
    const kelurahan = c.parsed<string>('kelurahan');
    let rw = c.parsed<number>('rw');
    if (rw !== null && kelurahan === null) {
      if (c.text('kelurahan') === '') c.fail('rw', 'rw_without_kelurahan');
      rw = null;
    }
    const regionCode = rw !== null && kelurahan !== null ? rwCode(kelurahan, rw) : (kelurahan ?? kecamatan ?? kota);
    return { regionCode, kelurahanCode: kelurahan, rw };
  }

  /** The target the row names within its wilayah; for an RW without a name, the RW's own target. */
  function target(c: RowCheck, regionCode: string | null): { id: string; regionCode: string } | null {
    const kind = c.choice('targetKind', targetKindChoices, 'target_kind_unknown');
    const name = c.string('targetName');
    if (regionCode === null) return null;
    const inPlace = lookups.targetsIn(regionCode);
    if (name !== null) {
      const label = lookups.label(name);
      const found = inPlace.filter((t) => t.label === label && (kind === null || t.kind === kind));
      if (found.length === 1) return found[0] as { id: string; regionCode: string };
      if (found.length > 1) return c.fail('targetName', 'target_ambiguous', { count: found.length });
      return null;
    }
    if (kind === 'rw' || kind === null) {
      const rwTargets = inPlace.filter((t) => t.kind === 'rw' && t.regionCode === regionCode);
      if (rwTargets.length === 1) return rwTargets[0] as { id: string; regionCode: string };
    }
    return null;
  }

  function rupiah(c: RowCheck, key: Key): number | null {
    const value = c.parsed<number>(key);
    if (value === null) return null;
    if (!Number.isSafeInteger(value) || value < 0) return c.fail(key, 'rupiah_invalid', { value });
    return value;
  }

  function rwOf(p: { kelurahanCode: string | null; rw: number | null }) {
    return p.kelurahanCode !== null && p.rw !== null ? { kelurahanCode: p.kelurahanCode, rw: p.rw } : null;
  }

  const base = { newPartner: null, newPartnerField: null, rw: null, programIds: [] } as const;

  /** The rejected distribution this row corrects: rejected at verification and not corrected yet. */
  function replaces(c: RowCheck): string | null {
    const id = c.string('replaces');
    if (id === null || rejectedRow === null) return null;
    const found = /^[0-9a-f-]{36}$/i.test(id) ? rejectedRow.get(id) : undefined;
    if (!found || found.status !== 'ditolak') return c.fail('replaces', 'replaces_not_rejected', { value: id });
    if (found.corrected === 1 || replacedInFile.has(id)) return c.fail('replaces', 'replaces_already_corrected', { value: id });
    replacedInFile.add(id);
    return id;
  }

  function activity(c: RowCheck): PreparedRecord | null {
    const date = c.date('date', EARLIEST_ACTIVITY_DATE, env.today);
    const from = giver(c, 'collaborator');
    const found = item(c, 'program', 'itemType');
    const via = c.text('aggregator') === '' ? null : aggregator(c, 'aggregator', date, found ? found.money : null);
    const amount = quantity(c, 'quantity', found);
    let value = rupiah(c, 'valueRupiah');
    if (found?.money && amount !== null) {
      if (value !== null && value !== amount) c.fail('valueRupiah', 'rupiah_value_mismatch', { quantity: amount, value });
      value = amount;
    }
    const where = place(c);
    const to = target(c, where.regionCode);
    const regionCode = to?.regionCode ?? where.regionCode;
    const notes = c.string('notes');
    const replacesId = kind === 'distributions' ? replaces(c) : null;
    if (kind === 'pledges' && via === null && regionCode === null && c.text('aggregator') === '' && c.reasons.length === 0) {
      c.fail('kota', 'pledge_destination_required');
    }
    if (kind === 'distributions' && regionCode === null && c.reasons.length === 0) c.fail('kota', 'required_empty');
    if (c.reasons.length > 0 || date === null || from === null || found === null || amount === null) return null;
    const naturalKey = hashKey([kind, date, from.key, via?.key ?? null, found.id, regionCode, amount, c.read.contentHash]);
    const values: Record<string, unknown> = {
      partnerId: from.id,
      aggregatorId: via?.id ?? null,
      itemTypeId: found.id,
      quantity: amount,
      valueRupiah: value,
      targetId: to?.id ?? null,
      regionCode,
      notes,
    };
    if (kind === 'distributions') Object.assign(values, { distributedOn: date, verificationStatus: 'dilaporkan', replacesId });
    else values.pledgedOn = date;
    return { ...base, table, values, naturalKey, newPartner: from.newPartner, newPartnerField: 'partnerId', rw: rwOf(where) };
  }

  function fundTransfer(c: RowCheck): PreparedRecord | null {
    const date = c.date('date', EARLIEST_ACTIVITY_DATE, env.today);
    const from = giver(c, 'collaborator');
    // Money, always: the aggregator needs its licence as well as a valid PKS.
    const via = aggregator(c, 'aggregator', date, true);
    const chosen = c.text('program') === '' ? null : program(c, 'program');
    const amount = c.positive('amountRupiah', c.parsed<number>('amountRupiah'));
    const reference = c.string('reference');
    const notes = c.string('notes');
    if (c.reasons.length > 0 || date === null || from === null || via === null || amount === null) return null;
    const naturalKey = hashKey([kind, date, from.key, via.key, amount, reference, c.read.contentHash]);
    return {
      ...base,
      table,
      values: { donorId: from.id, aggregatorId: via.id, programId: chosen?.id ?? null, amountRupiah: amount, transferredOn: date, reference, notes },
      naturalKey,
      newPartner: from.newPartner,
      newPartnerField: 'donorId',
    };
  }

  function needRow(c: RowCheck): PreparedRecord | null {
    const where = place(c);
    const to = target(c, where.regionCode);
    const found = item(c, 'program', 'itemType');
    const amount = quantity(c, 'quantity', found);
    const periodFrom = c.date('periodFrom', EARLIEST_ACTIVITY_DATE, LATEST_PERIOD_DATE);
    const periodTo = c.date('periodTo', EARLIEST_ACTIVITY_DATE, LATEST_PERIOD_DATE);
    if (periodFrom !== null && periodTo !== null && periodTo < periodFrom) c.fail('periodTo', 'period_invalid', { from: periodFrom, to: periodTo });
    const notes = c.string('notes');
    if (to === null && where.regionCode !== null && c.reasons.length === 0) c.fail(c.text('targetName') === '' ? 'rw' : 'targetName', 'target_not_found');
    if (c.reasons.length > 0 || to === null || found === null || amount === null || periodFrom === null || periodTo === null) return null;
    const naturalKey = hashKey([kind, to.id, found.id, periodFrom, periodTo, amount, c.read.contentHash]);
    return { ...base, table, values: { targetId: to.id, itemTypeId: found.id, periodFrom, periodTo, quantity: amount, notes }, naturalKey };
  }

  function partnerRow(c: RowCheck): PreparedRecord | null {
    const name = c.string('name');
    const entityKind = c.choice('entityKind', entityKindChoices, 'entity_kind_unknown');
    const role = c.text('role') === '' ? 'collaborator' : c.choice('role', roleChoices, 'role_unknown');
    const isAggregator = role === 'aggregator' || role === 'both';
    const legalEntityNumber = c.string('legalEntityNumber');
    if (isAggregator && legalEntityNumber === null && c.text('legalEntityNumber') === '') c.fail('legalEntityNumber', 'legal_entity_required');
    const contact = (key: Key, normalise: (text: string) => string | null, code: string) => {
      const text = c.string(key);
      return text === null ? null : (normalise(text) ?? c.fail(key, code));
    };
    const npwp = contact('npwp', normalizeNpwp, 'npwp_invalid');
    const phone = contact('phone', normalizePhone, 'phone_invalid');
    const email = contact('email', normalizeEmail, 'email_invalid');
    const where = place(c);
    const programIds = programList(c, 'programs');
    const licenceKind = c.choice('licenceKind', licenceKindChoices, 'licence_kind_unknown');
    const licenceNumber = c.string('licenceNumber');
    const licenceIssuer = c.string('licenceIssuer');
    const licenceValidUntil = c.parsed<string>('licenceValidUntil');
    const licenceGiven = ['licenceKind', 'licenceNumber', 'licenceIssuer', 'licenceValidUntil'] as const;
    const collectsMoney = licenceGiven.some((key) => c.text(key) !== '');
    if (collectsMoney) {
      if (!isAggregator) c.fail('licenceNumber', 'licence_not_aggregator');
      for (const key of licenceGiven) if (c.text(key) === '') c.fail(key, 'licence_incomplete');
    }
    const partnerKey = name === null ? '' : lookups.partnerKey(name);
    if (name !== null && partnerKey === '') c.fail('name', 'partner_name_invalid');
    if (c.reasons.length > 0 || name === null || entityKind === null || role === null) return null;
    return {
      ...base,
      table,
      values: {
        name,
        normalizedName: partnerKey,
        entityKind,
        isCollaborator: role !== 'aggregator',
        isAggregator,
        legalEntityNumber,
        collectsMoney,
        licenceKind,
        licenceNumber,
        licenceIssuer,
        licenceValidUntil,
        npwp,
        contactName: c.string('contactName'),
        phone,
        email,
        address: c.string('address'),
        regionCode: where.regionCode,
        verified: false,
        notes: c.string('notes'),
        archivedAt: null,
        mergedIntoId: null,
      },
      naturalKey: partnerKey,
      programIds,
    };
  }

  function agreementRow(c: RowCheck): PreparedRecord | null {
    const number = c.string('number');
    const found = partner(c, 'partner');
    if (found && found.match === null) c.fail('partner', 'partner_unknown');
    const agencyText = c.string('agency');
    const agencyId = agencyText === null ? null : (lookups.agency(agencyText) ?? c.fail('agency', 'agency_unknown'));
    const programIds = programList(c, 'programs');
    const signedOn = c.date('signedOn', EARLIEST_ACTIVITY_DATE, env.today);
    const validFrom = c.parsed<string>('validFrom');
    const validUntil = c.parsed<string>('validUntil');
    const status = c.text('status') === '' ? (signedOn === null ? 'draft' : 'signed') : c.choice('status', agreementStatusChoices, 'agreement_status_unknown');
    if (validFrom !== null && validUntil !== null && validUntil < validFrom) c.fail('validUntil', 'agreement_dates_invalid', { validFrom, validUntil });
    if ((status === 'signed' || status === 'expired') && signedOn === null && c.text('signedOn') === '') c.fail('signedOn', 'agreement_signed_on_required');
    const notes = c.string('notes');
    if (c.reasons.length > 0 || number === null || !found?.match || status === null) return null;
    const naturalKey = hashKey([kind, found.match.id, normaliseLabel(number)]);
    return {
      ...base,
      table,
      values: { number, partnerId: found.match.id, agencyId, signedOn, validFrom, validUntil, status, parentAgreementId: null, notes },
      naturalKey,
      programIds,
    };
  }

  const prepare: Record<SubmissionKind, (c: RowCheck) => PreparedRecord | null> = {
    partners: partnerRow,
    agreements: agreementRow,
    needs: needRow,
    pledges: activity,
    distributions: activity,
    'fund-transfers': fundTransfer,
  };

  /** An agreement typed in with the same number for the same partner is the same agreement. */
  const sameAgreement = env.db.$client.prepare<[string, string], { batchId: string | null }>(
    `SELECT import_batch_id AS batchId FROM agreement WHERE partner_id = ? AND lower(trim(number)) = lower(trim(?)) AND deleted_at IS NULL LIMIT 1`,
  );

  /** The batch of the live record with the same natural key, `undefined` when there is none. */
  function alreadyStored(record: PreparedRecord): string | null | undefined {
    if (record.table === 'partner') {
      const found = lookups.partners(record.naturalKey)[0];
      return found ? found.importBatchId : undefined;
    }
    const stored = existing?.get(record.naturalKey);
    if (stored) return stored.batchId;
    if (record.table === 'agreement') return sameAgreement.get(record.values.partnerId as string, record.values.number as string)?.batchId;
    return undefined;
  }

  return (read) => {
    const c = new RowCheck(kind, read, columnOf);
    const record = prepare[kind](c);
    const result: CheckedRow = { row: read.row, status: 'rejected', texts: read.texts, reasons: c.reasons, duplicateOfBatchId: null, record: null };
    if (!record) return result;
    if (seen.has(record.naturalKey)) return { ...result, status: 'duplicate' };
    seen.add(record.naturalKey);
    const batch = alreadyStored(record);
    if (batch !== undefined) return { ...result, status: 'duplicate', duplicateOfBatchId: batch };
    return { ...result, status: 'accepted', record };
  };
}
