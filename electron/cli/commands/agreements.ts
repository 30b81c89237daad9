import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import type { TFunction } from 'i18next';
import { formatDate, formatNumber } from '../../api/format';
import type { Lang } from '../../api/i18n';
import { type AgreementRow, type Alert, agreementStatusValues } from '../../api/procedures/agreements';
import { idSchema, isoDateSchema } from '../../api/schemas';
import { listAlerts } from '../../core/agreements/alerts';
import { getAgreement, listAgreements } from '../../core/agreements/service';
import { attachDocument, verifyDocuments } from '../../core/documents/service';
import { checkDocument } from '../../core/documents/store';
import { existingFile, intOption, type ParsedCommandLine, stringOption, UsageError } from '../args';
import { command, EXIT_OK, EXIT_PROBLEMS } from './types';

/** `ksbb agreement list`, `ksbb document add|verify`, `ksbb alert list`. */

const PAGE = 500;

function idOption(cl: ParsedCommandLine, name: string): string | undefined {
  const value = stringOption(cl, name);
  if (value !== undefined && !idSchema.safeParse(value).success) {
    throw new UsageError('agreements.cli.badId', { option: name, value }, cl.lang);
  }
  return value;
}

const date = (value: string | null, lang: Lang) => {
  if (value === null) return '–';
  try {
    return formatDate(value, lang);
  } catch {
    return value;
  }
};

function agreementLine(row: AgreementRow, t: TFunction, lang: Lang): string {
  return [
    row.number,
    row.partnerName,
    t(`agreements.status.${row.effectiveStatus}`),
    row.validUntil === null ? t('agreements.openEnded') : date(row.validUntil, lang),
    row.daysLeft === null ? '–' : formatNumber(row.daysLeft),
    formatNumber(row.documentCount),
  ].join(' | ');
}

function alertLine(alert: Alert, t: TFunction): string {
  const label = t(`agreements.alerts.kind.${alert.kind}`);
  const common = { partner: alert.partnerName, number: alert.agreementNumber ?? '–' };
  switch (alert.kind) {
    case 'agreement_expiring':
      return `${label}: ${t('agreements.alerts.text.agreement_expiring', { ...common, date: alert.validUntil, days: formatNumber(alert.daysLeft) })}`;
    case 'agreement_expired_with_activity':
      return `${label}: ${t('agreements.alerts.text.agreement_expired_with_activity', {
        ...common,
        date: alert.validUntil,
        count: formatNumber(alert.activityCount),
        first: alert.firstActivityOn,
        last: alert.lastActivityOn,
      })}`;
    case 'licence_expired':
      return `${label}: ${t('agreements.alerts.text.licence_expired', { ...common, licence: alert.licenceNumber })}`;
    default:
      return `${label}: ${t(`agreements.alerts.text.${alert.kind}`, common)}`;
  }
}

/** The first bytes of a file, enough to check its type without reading all of it. */
function readHead(path: string, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(length);
    return head.subarray(0, readSync(fd, head, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

export const agreementCommands = {
  'agreement list': command({
    prepare: (cl) => {
      const status = stringOption(cl, 'status');
      if (status !== undefined && !(agreementStatusValues as readonly string[]).includes(status)) {
        throw new UsageError('agreements.cli.badStatus', { value: status }, cl.lang);
      }
      return {
        expiringWithinDays: cl.options.expiring === undefined ? undefined : intOption(cl, 'expiring', 0, 0, 3650),
        q: stringOption(cl, 'q'),
        status: status as (typeof agreementStatusValues)[number] | undefined,
        partnerId: idOption(cl, 'partner'),
      };
    },
    run: ({ deps, output, t, cl }, filter) => {
      // Every matching agreement, page by page (the procedure's pages are at most 500 rows).
      const rows: AgreementRow[] = [];
      let total = 0;
      do {
        const page = listAgreements(deps, { ...filter, offset: rows.length, limit: PAGE, direction: 'asc' });
        total = page.total;
        rows.push(...page.rows);
        if (page.rows.length === 0) break;
      } while (rows.length < total);
      const human =
        rows.length === 0
          ? t('agreements.cli.listEmpty')
          : [
              t('agreements.cli.listHeader'),
              ...rows.map((row) => agreementLine(row, t, cl.lang)),
              t('agreements.cli.listTotal', { shown: formatNumber(rows.length), total: formatNumber(total) }),
            ].join('\n');
      output({ total, rows }, human);
      return EXIT_OK;
    },
  }),
  'document add': command({
    prepare: (cl) => {
      const agreementId = idOption(cl, 'agreement');
      if (agreementId === undefined) throw new UsageError('agreements.cli.missingAgreementOption', {}, cl.lang);
      const given = cl.positionals[0] as string;
      const { path, size } = existingFile(cl, given, 'agreements.cli.fileNotFound');
      // Type, size and magic bytes are checked before the database is opened: a refused file changes nothing.
      try {
        checkDocument(given, size, readHead(path, 16));
        return { agreementId, fileName: given, bytes: readFileSync(path) };
      } catch (error) {
        if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('E')) {
          throw new UsageError('agreements.cli.fileUnreadable', { path: given, reason: error.message }, cl.lang);
        }
        throw error;
      }
    },
    run: ({ deps, output, t, call }, plan) => {
      // attachDocument checks the bytes again: the file may have changed since `prepare` looked.
      const stored = attachDocument(deps, { agreementId: plan.agreementId, fileName: plan.fileName, bytes: plan.bytes }, call);
      const agreementNumber = getAgreement(deps, plan.agreementId).number;
      const lines = [
        t('agreements.cli.documentAdded', {
          number: agreementNumber,
          fileName: stored.fileName,
          mediaType: stored.mediaType,
          size: formatNumber(stored.sizeBytes),
          sha256: stored.sha256,
        }),
      ];
      if (stored.alreadyAttached) lines.push(t('agreements.cli.documentAlreadyAttached'));
      else if (stored.alreadyStored) lines.push(t('agreements.cli.documentAlreadyStored'));
      output({ ...stored, agreementId: plan.agreementId, agreementNumber }, lines.join('\n'));
      return EXIT_OK;
    },
  }),
  'document verify': command({
    prepare: () => null,
    run: ({ deps, output, t }) => {
      const report = verifyDocuments(deps);
      const ok = report.problems.length === 0;
      const human = ok
        ? t('agreements.cli.verifyOk', { count: formatNumber(report.checked) })
        : [
            t('agreements.cli.verifyProblems', { problems: formatNumber(report.problems.length), count: formatNumber(report.checked) }),
            ...report.problems.map((p) =>
              t(p.problem === 'missing' ? 'agreements.cli.verifyMissing' : 'agreements.cli.verifyMismatch', {
                fileName: p.fileName,
                sha256: p.sha256,
                agreements: p.agreementNumbers.length > 0 ? p.agreementNumbers.join(', ') : '–',
              }),
            ),
          ].join('\n');
      output({ ok, ...report }, human);
      return ok ? EXIT_OK : EXIT_PROBLEMS;
    },
  }),
  'alert list': command({
    prepare: (cl) => {
      const asOf = stringOption(cl, 'as-of');
      if (asOf !== undefined && !isoDateSchema.safeParse(asOf).success) {
        throw new UsageError('agreements.cli.badDate', { option: 'as-of', value: asOf }, cl.lang);
      }
      return { asOf };
    },
    run: ({ deps, output, t }, plan) => {
      const result = listAlerts(deps, plan);
      const human = [
        t('agreements.alerts.asOf', { date: result.asOf }),
        ...(result.alerts.length === 0 ? [t('agreements.alerts.none')] : result.alerts.map((alert) => alertLine(alert, t))),
      ].join('\n');
      output(result, human);
      return EXIT_OK;
    },
  }),
};
