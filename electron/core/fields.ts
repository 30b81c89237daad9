import { AppError, type ErrorParams } from '../api/errors';
import type { partnersMessages } from '../api/i18n/partners';

/**
 * Errors that name the record, the field and what was expected, raised by the registry services
 * for every transport. The words are message keys (`partners.*`) that the `messageList`
 * formatter turns into the reader's language; `details.field` keeps the plain field name so a
 * form can mark its input.
 */

type FieldLabels = (typeof partnersMessages)['id']['field'];
export type RecordKind = keyof FieldLabels;
export type FieldOf<K extends RecordKind> = keyof FieldLabels[K] & string;
export type Expected = keyof (typeof partnersMessages)['id']['expected'];

/** The record an error is about: its kind and its name (null or empty while it is being created without one). */
export interface RecordRef<K extends RecordKind> {
  kind: K;
  name: string | null;
}

const newRecordKey: Record<RecordKind, string> = {
  partner: 'partners.record.newPartner',
  target: 'partners.record.newTarget',
  agency: 'partners.record.newAgency',
};

function params<K extends RecordKind>(record: RecordRef<K>, field: FieldOf<K>, expected: Expected): ErrorParams {
  const named = record.name !== null && record.name.trim() !== '';
  return {
    recordKind: named ? `partners.record.${record.kind}` : newRecordKey[record.kind],
    record: named ? (record.name as string) : '',
    field,
    fieldLabel: `partners.field.${record.kind}.${field}`,
    expected: `partners.expected.${expected}`,
    ...(named ? {} : { context: 'new' }),
  };
}

export function fieldRequired<K extends RecordKind>(record: RecordRef<K>, field: FieldOf<K>, expected: Expected): AppError {
  return new AppError('field_required', params(record, field, expected));
}

/** `value` is what was given, shown back (cut to 80 characters). */
export function fieldInvalid<K extends RecordKind>(record: RecordRef<K>, field: FieldOf<K>, value: unknown, expected: Expected): AppError {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return new AppError('field_invalid', { ...params(record, field, expected), value: shown.length > 80 ? `${shown.slice(0, 79)}…` : shown });
}
