import type { z } from 'zod';
import type { RecapFilterInput } from '../../../../electron/api/procedures/recaps';
import { idSchema, isoDateSchema, regionCodeSchema, slugSchema } from '../../../../electron/api/schemas';

export const recapTabs = ['program', 'wilayah', 'overlap', 'unserved'] as const;
export type RecapTab = (typeof recapTabs)[number];

/** The filters as the screen keeps them: only what is set, channel `all` left out. */
export type RecapViewFilters = Omit<RecapFilterInput, 'channel'> & { channel?: 'aggregator' | 'end-to-end' };

/** What the Rekap screen shows, kept in the address so a view can be bookmarked and reopened. */
export interface RecapView {
  tab: RecapTab;
  /** Per wilayah: the wilayah drilled into (null: the province). */
  parentCode: string | null;
  filters: RecapViewFilters;
}

const tabPaths: Record<RecapTab, string> = { program: '', wilayah: '/wilayah', overlap: '/tumpang-tindih', unserved: '/belum-terlayani' };

/** Indonesian words in the address, as the other routes (`#/mitra`, `#/pks`). */
const params = [
  ['from', 'dari', isoDateSchema],
  ['to', 'sampai', isoDateSchema],
  ['programId', 'program', slugSchema],
  ['itemTypeId', 'jenis', slugSchema],
  ['agencyId', 'skpd', slugSchema],
  ['partnerId', 'mitra', idSchema],
] as const satisfies readonly (readonly [keyof RecapViewFilters, string, z.ZodType<string>])[];

const channelWords = { aggregator: 'agregator', 'end-to-end': 'langsung' } as const;
/** Distributions counted from this verification level on (`dilaporkan`, the default, is left out). */
const verificationWords = { diverifikasi_wilayah: 'wilayah', diverifikasi_sekretariat: 'terverifikasi' } as const;

export const recapPathPattern = /^#\/rekap(\/wilayah(?:\/([0-9.]+))?|\/tumpang-tindih|\/belum-terlayani)?(?:\?(.*))?$/;

/**
 * `#/rekap/wilayah/31.71?dari=2020-04-24&program=pangan` → the view. The address is typed or
 * pasted by people: a value that is not valid is left out rather than sent to the API.
 */
export function parseRecapView(match: RegExpExecArray): RecapView {
  const path = match[1] ?? '';
  const tab = path.startsWith('/wilayah') ? 'wilayah' : ((Object.entries(tabPaths).find(([, p]) => p === path)?.[0] ?? 'program') as RecapTab);
  const code = match[2];
  const parentCode = tab === 'wilayah' && code !== undefined && regionCodeSchema.safeParse(code).success && code !== '31' ? code : null;
  return { tab, parentCode, filters: readRecapFilters(new URLSearchParams(match[3] ?? '')) };
}

/** The filters in an address's query (`dari`, `program`, `kanal` …), also the Peta sasaran's. */
export function readRecapFilters(query: URLSearchParams): RecapViewFilters {
  const filters: RecapViewFilters = {};
  for (const [key, word, schema] of params) {
    const value = query.get(word);
    if (value !== null && schema.safeParse(value).success) filters[key] = value;
  }
  const channel = query.get('kanal');
  for (const [value, word] of Object.entries(channelWords)) if (channel === word) filters.channel = value as keyof typeof channelWords;
  const verification = query.get('verifikasi');
  for (const [value, word] of Object.entries(verificationWords)) if (verification === word) filters.verification = value as keyof typeof verificationWords;
  if (filters.from !== undefined && filters.to !== undefined && filters.from > filters.to) delete filters.to;
  return filters;
}

/** Adds the filters that are set to an address's query, in the words `readRecapFilters` reads. */
export function writeRecapFilters(filters: RecapViewFilters, query: URLSearchParams): void {
  for (const [key, word] of params) {
    const value = filters[key];
    if (value !== undefined) query.set(word, value);
  }
  if (filters.channel !== undefined) query.set('kanal', channelWords[filters.channel]);
  if (filters.verification !== undefined && filters.verification !== 'dilaporkan') query.set('verifikasi', verificationWords[filters.verification]);
}

export function recapViewHref(view: RecapView): string {
  const query = new URLSearchParams();
  writeRecapFilters(view.filters, query);
  const path = view.tab === 'wilayah' && view.parentCode ? `/wilayah/${view.parentCode}` : tabPaths[view.tab];
  const search = query.toString();
  return `#/rekap${path}${search === '' ? '' : `?${search}`}`;
}

/** The filters as the API takes them. */
export function apiFilters(filters: RecapViewFilters): RecapFilterInput {
  return { ...filters, channel: filters.channel ?? 'all' };
}
