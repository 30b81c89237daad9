import type { TFunction } from 'i18next';
import type { Output as Answer, ParsedInput, ProcedureName } from '../../api/contract';
import { formatDate, formatNumber } from '../../api/format';
import type { Lang } from '../../api/i18n';
import { entityKindValues, partnerRoleValues } from '../../api/procedures/partners';
import { idSchema } from '../../api/schemas';
import { dispatch } from '../../core/dispatch';
import { intOption, stringOption, type ParsedCommandLine, UsageError } from '../args';
import { command, type CommandContext, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './types';

/** `ksbb partner list` and `ksbb partner show ID`: the same procedures the app calls. */

const log = { error: (message: string, error: unknown) => console.error(message, error) };
const PAGE = 500;
const sortValues = ['name', 'entityKind', 'createdAt'] as const;

type ListRow = Answer<'partner:list'>['rows'][number];
type Partner = Answer<'partner:get'>;

export function oneOf<T extends string>(cl: ParsedCommandLine, name: string, allowed: readonly T[], key: string): T | undefined {
  const value = stringOption(cl, name);
  if (value !== undefined && !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(key, { value, allowed: allowed.join(', ') }, cl.lang);
  }
  return value as T | undefined;
}

/**
 * Calls a procedure through the one dispatcher (input parsed by its schema). A refused call is
 * printed like every CLI error (stderr, and `{ok:false,error}` on stdout with --json) and answered
 * with its exit code: 1 for an internal error, 2 for anything the input caused.
 */
export async function call<K extends ProcedureName>(
  ctx: CommandContext,
  name: K,
  input: ParsedInput<K>,
): Promise<{ ok: true; value: Answer<K> } | { ok: false; exit: number }> {
  const result = await dispatch(ctx.handlers, name, input, ctx.call, log);
  if (result.ok) return { ok: true, value: result.value as Answer<K> };
  ctx.io.stderr.write(`${result.error.message}\n`);
  if (ctx.cl.json) ctx.io.stdout.write(`${JSON.stringify({ ok: false, error: { code: result.error.code, message: result.error.message } })}\n`);
  return { ok: false, exit: result.error.code === 'internal' ? EXIT_PROBLEMS : EXIT_USAGE };
}

const none = (t: TFunction) => t('partners.cli.none');

function roles(row: { isCollaborator: boolean; isAggregator: boolean }, t: TFunction): string {
  return partnerRoleValues
    .filter((role) => (role === 'collaborator' ? row.isCollaborator : row.isAggregator))
    .map((role) => t(`partners.role.${role}`))
    .join(', ');
}

function regionText(row: { regionName: string | null; kotaName: string | null }): string | null {
  if (row.regionName === null) return null;
  return row.kotaName === null || row.kotaName === row.regionName ? row.regionName : `${row.regionName}, ${row.kotaName}`;
}

const dateText = (value: string | null, lang: Lang, t: TFunction) => {
  if (value === null) return none(t);
  try {
    return formatDate(value.slice(0, 10), lang);
  } catch {
    return value;
  }
};

/** Rows as aligned columns (the last column is not padded). */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function listText(rows: ListRow[], total: number, offset: number, t: TFunction): string {
  if (rows.length === 0) return t('partners.cli.listEmpty', { total: formatNumber(total) });
  const header = ['name', 'entityKind', 'roles', 'regionCode', 'phone'].map((field) => t(`partners.field.partner.${field}`));
  const body = rows.map((row) => [
    cut(row.name, 60),
    t(`partners.entityKind.${row.entityKind}`),
    roles(row, t),
    cut(regionText(row) ?? none(t), 50),
    row.phone ?? none(t),
  ]);
  const footer = t('partners.cli.listFooter', {
    from: formatNumber(offset + 1),
    to: formatNumber(offset + rows.length),
    total: formatNumber(total),
  });
  return `${table(header, body)}\n${footer}`;
}

function showText(partner: Partner, t: TFunction, lang: Lang): string {
  const label = (field: string) => t(`partners.field.partner.${field}`);
  const text = (value: string | null) => value ?? none(t);
  const yesNo = (value: boolean) => t(value ? 'partners.cli.yes' : 'partners.cli.no');
  const lines: [string, string][] = [
    ['ID', partner.id],
    [label('contactName'), text(partner.contactName)],
    [label('phone'), text(partner.phone)],
    [label('email'), text(partner.email)],
    [label('address'), text(partner.address)],
    [label('regionCode'), partner.regionCode === null ? none(t) : `${regionText(partner) ?? ''} (${partner.regionCode})`],
    [label('npwp'), text(partner.npwp)],
    [label('programIds'), partner.programIds.length === 0 ? none(t) : partner.programIds.join(', ')],
    [label('verified'), yesNo(partner.verified)],
  ];
  if (partner.isAggregator) {
    lines.push([label('legalEntityNumber'), text(partner.legalEntityNumber)], [label('collectsMoney'), yesNo(partner.collectsMoney)]);
    if (partner.licenceKind !== null || partner.licenceNumber !== null) {
      lines.push(
        [label('licenceKind'), partner.licenceKind === null ? none(t) : t(`partners.licenceKind.${partner.licenceKind}`)],
        [label('licenceNumber'), text(partner.licenceNumber)],
        [label('licenceIssuer'), text(partner.licenceIssuer)],
        [label('licenceValidUntil'), dateText(partner.licenceValidUntil, lang, t)],
      );
    }
  }
  for (const key of ['pledges', 'distributions', 'agreements', 'fundTransfers'] as const) {
    lines.push([t(`partners.counts.${key}`), formatNumber(partner.counts[key])]);
  }
  if (partner.notes !== null) lines.push([label('notes'), partner.notes]);
  if (partner.archivedAt !== null) lines.push([label('archivedAt'), dateText(partner.archivedAt, lang, t)]);
  if (partner.mergedIntoId !== null) lines.push([label('mergedIntoId'), partner.mergedIntoId]);
  lines.push([label('createdAt'), `${dateText(partner.createdAt, lang, t)} · ${partner.createdBy}`]);
  const head = t('partners.cli.showName', {
    name: partner.name,
    kind: t(`partners.entityKind.${partner.entityKind}`),
    roles: roles(partner, t),
  });
  return [head, ...lines.map(([name, value]) => t('partners.cli.showLine', { label: name, value }))].join('\n');
}

export const partnerCommands = {
  'partner list': command({
    prepare: (cl) => {
      const limit = cl.options.limit === undefined ? undefined : intOption(cl, 'limit', PAGE, 1, 100_000);
      return {
        q: stringOption(cl, 'q'),
        role: oneOf(cl, 'role', partnerRoleValues, 'partners.cli.badRole'),
        entityKind: oneOf(cl, 'kind', entityKindValues, 'partners.cli.badKind'),
        programId: stringOption(cl, 'program'),
        includeArchived: cl.options.archived === true,
        sort: oneOf(cl, 'sort', sortValues, 'partners.cli.badSort') ?? 'name',
        direction: cl.options.desc === true ? ('desc' as const) : ('asc' as const),
        offset: intOption(cl, 'offset', 0, 0, 10_000_000),
        limit,
      };
    },
    run: async (ctx, plan) => {
      const { limit, ...filter } = plan;
      // Every matching partner from `offset` on (or `limit` of them), page by page: a page is at most 500 rows.
      const rows: ListRow[] = [];
      let total = 0;
      for (;;) {
        const want = Math.min(PAGE, (limit ?? Number.MAX_SAFE_INTEGER) - rows.length);
        if (want <= 0) break;
        const page = await call(ctx, 'partner:list', { ...filter, offset: filter.offset + rows.length, limit: want });
        if (!page.ok) return page.exit;
        total = page.value.total;
        rows.push(...page.value.rows);
        if (page.value.rows.length < want) break;
      }
      ctx.output({ total, rows }, listText(rows, total, filter.offset, ctx.t));
      return EXIT_OK;
    },
  }),
  'partner show': command({
    prepare: (cl) => {
      const id = cl.positionals[0] ?? '';
      if (!idSchema.safeParse(id).success) throw new UsageError('partners.cli.badId', { value: id }, cl.lang);
      return { id };
    },
    run: async (ctx, { id }) => {
      const partner = await call(ctx, 'partner:get', { id });
      if (!partner.ok) return partner.exit;
      ctx.output(partner.value, showText(partner.value, ctx.t, ctx.cl.lang));
      return EXIT_OK;
    },
  }),
};
