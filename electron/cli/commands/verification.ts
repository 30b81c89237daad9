import { readFileSync } from 'node:fs';
import type { TFunction } from 'i18next';
import type { Output as Answer } from '../../api/contract';
import { formatNumber } from '../../api/format';
import { recapLevels, type RecapLevel } from '../../api/procedures/recaps';
import { type DistributionSelection, verificationLevels, type VerificationLevel, verificationStatusValues } from '../../api/procedures/verification';
import { idSchema } from '../../api/schemas';
import { existingFile, intOption, stringOption, type ParsedCommandLine, UsageError } from '../args';
import { call, oneOf } from './partners';
import { programId } from './recaps';
import { command, type CommandContext, EXIT_OK } from './types';

/**
 * `ksbb distribution list|verify|reject` and `ksbb target open`: the verification and open-need
 * procedures the app calls (issue 10), through the same dispatcher and role checks.
 */

const PAGE = 500;

function batchOption(cl: ParsedCommandLine): string | undefined {
  const value = stringOption(cl, 'batch');
  if (value !== undefined && !idSchema.safeParse(value).success) throw new UsageError('cli.badOption', { reason: `--batch ${value}` }, cl.lang);
  return value;
}

/** `--ids FILE`: one distribution id per line (blank lines and `#` comments skipped). */
function idsFile(cl: ParsedCommandLine): string[] | undefined {
  const given = stringOption(cl, 'ids');
  if (given === undefined) return undefined;
  const { path } = existingFile(cl, given, 'imports.cli.fileNotFound');
  const ids: string[] = [];
  readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      if (!idSchema.safeParse(line).success) throw new UsageError('verification.cli.idsFileBad', { path: given, line: i + 1, value: line.slice(0, 60) }, cl.lang);
      ids.push(line);
    });
  if (ids.length === 0) throw new UsageError('verification.cli.idsFileEmpty', { path: given }, cl.lang);
  return ids;
}

const unitsText = (units: readonly { unit: string; quantity: number }[]) => units.map((u) => `${formatNumber(u.quantity)} ${u.unit}`).join(', ') || '0';
const statusText = (t: TFunction, status: string) => t(`recaps.verificationStatus.${status}`);

/** Prints a verification act's outcome (or its refusal's exit code). */
function printAct(ctx: CommandContext, result: Awaited<ReturnType<typeof call<'distribution:verify'>>>): number {
  if (!result.ok) return result.exit;
  const r = result.value;
  ctx.output(r, ctx.t('verification.cli.acted', { rows: formatNumber(r.rows), status: statusText(ctx.t, r.toStatus), units: unitsText(r.units) }));
  return EXIT_OK;
}

export const verificationCommands = {
  'distribution list': command({
    prepare: (cl) => ({
      status: oneOf(cl, 'status', verificationStatusValues, 'verification.cli.badStatus'),
      program: stringOption(cl, 'program'),
      batchId: batchOption(cl),
      limit: intOption(cl, 'limit', Number.MAX_SAFE_INTEGER, 1, Number.MAX_SAFE_INTEGER),
      offset: intOption(cl, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
    }),
    run: async (ctx, plan) => {
      const filter = { status: plan.status, programId: programId(ctx.deps, ctx.cl, plan.program), batchId: plan.batchId };
      const rows: Answer<'distribution:list'>['rows'] = [];
      let answer: Pick<Answer<'distribution:list'>, 'total' | 'units'> = { total: 0, units: [] };
      for (let offset = plan.offset; rows.length < plan.limit; offset += PAGE) {
        const page: Awaited<ReturnType<typeof call<'distribution:list'>>> = await call(ctx, 'distribution:list', { ...filter, offset, limit: Math.min(PAGE, plan.limit - rows.length), direction: 'asc' });
        if (!page.ok) return page.exit;
        if (offset === plan.offset) answer = page.value;
        rows.push(...page.value.rows);
        if (page.value.rows.length === 0 || offset + page.value.rows.length >= page.value.total) break;
      }
      const lines = rows.map((r) => [r.id, r.distributedOn, statusText(ctx.t, r.verificationStatus), `${formatNumber(r.quantity)} ${r.unit}`, r.itemType, r.partnerName, r.targetName ?? r.regionName ?? r.regionCode].join('  '));
      ctx.output(
        { total: answer.total, units: answer.units, rows },
        [...lines, ctx.t('verification.cli.listed', { total: formatNumber(answer.total), units: unitsText(answer.units), shown: formatNumber(rows.length) })].join('\n'),
      );
      return EXIT_OK;
    },
  }),
  'distribution verify': command({
    prepare: (cl) => {
      const level = oneOf(cl, 'level', verificationLevels, 'verification.cli.badLevel');
      if (level === undefined) throw new UsageError('verification.cli.badLevel', { value: '', allowed: verificationLevels.join(', ') }, cl.lang);
      const batchId = batchOption(cl);
      const ids = idsFile(cl);
      if ((batchId === undefined) === (ids === undefined)) throw new UsageError('verification.cli.selectionRequired', {}, cl.lang);
      const selection: DistributionSelection = ids !== undefined ? { ids } : { filter: { batchId } };
      return { level: level as VerificationLevel, selection, reason: stringOption(cl, 'reason') ?? null, override: cl.options.override === true };
    },
    run: async (ctx, plan) => printAct(ctx, await call(ctx, 'distribution:verify', { ...plan, evidence: [], dryRun: false })),
  }),
  'distribution reject': command({
    prepare: (cl) => {
      const ids = idsFile(cl);
      if (ids === undefined) throw new UsageError('verification.cli.selectionRequired', {}, cl.lang);
      const reason = stringOption(cl, 'reason')?.trim();
      if (reason === undefined || reason.length < 3) throw new UsageError('verification.cli.reasonRequired', {}, cl.lang);
      return { selection: { ids } satisfies DistributionSelection, reason };
    },
    run: async (ctx, plan) => printAct(ctx, await call(ctx, 'distribution:reject', { ...plan, evidence: [], dryRun: false })),
  }),
  'target open': command({
    prepare: (cl) => ({
      program: stringOption(cl, 'program'),
      level: oneOf(cl, 'level', recapLevels, 'verification.cli.badLevel') as RecapLevel | undefined,
    }),
    run: async (ctx, plan) => {
      const result = await call(ctx, 'target:open', { programId: programId(ctx.deps, ctx.cl, plan.program), level: plan.level, onlyOpen: false });
      if (!result.ok) return result.exit;
      const rows = result.value.rows;
      const lines = rows.map((r) =>
        [r.regionCode, r.targetName ?? r.regionName ?? '', r.itemType, `${formatNumber(r.need)} − ${formatNumber(r.realised)} − ${formatNumber(r.assignedOpen)} = ${formatNumber(r.open)} ${r.unit}`].join('  '),
      );
      const open = rows.reduce((n, r) => n + Math.max(0, r.open), 0);
      ctx.output(result.value, [...lines, ctx.t('verification.cli.openListed', { rows: formatNumber(rows.length), open: formatNumber(open) })].join('\n'));
      return EXIT_OK;
    },
  }),
};
