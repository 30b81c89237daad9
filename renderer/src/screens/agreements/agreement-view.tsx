import { Badge, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../../../electron/api/format';
import type { Lang } from '../../../../electron/api/i18n';
import type { AgreementRow } from '../../../../electron/api/procedures/agreements';

/** Pieces every PKS screen shows the same way: the status badge, the days left, dates and sizes. */

export type AgreementStatus = AgreementRow['effectiveStatus'];

export { useLang } from '../../api/use-lang';

const statusColors: Record<AgreementStatus, string> = {
  draft: 'gray',
  signed: 'teal',
  expired: 'red',
  terminated: 'dark',
};

export function StatusBadge({ status, testId }: { status: AgreementStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColors[status]} variant="light" tt="none" maw="100%" data-testid={testId} data-status={status} style={{ flexShrink: 0 }}>
      {t(`agreements.status.${status}`)}
    </Badge>
  );
}

/** "50 hari lagi", "berakhir hari ini", "berakhir 3 hari lalu" or "tanpa batas waktu". */
export function daysLeftText(t: TFunction, row: Pick<AgreementRow, 'validUntil' | 'daysLeft'>): string {
  if (row.validUntil === null || row.daysLeft === null) return t('agreements.openEnded');
  if (row.daysLeft > 0) return t('agreements.daysLeft', { days: formatNumber(row.daysLeft) });
  if (row.daysLeft === 0) return t('agreements.today');
  return t('agreements.daysAgo', { days: formatNumber(-row.daysLeft) });
}

/** Colour of the days-left text: red once ended, orange within 30 days, yellow within 90. */
export function daysLeftColor(row: Pick<AgreementRow, 'daysLeft' | 'effectiveStatus'>): string | undefined {
  if (row.daysLeft === null || row.effectiveStatus === 'draft' || row.effectiveStatus === 'terminated') return 'dimmed';
  if (row.daysLeft < 0) return 'red';
  if (row.daysLeft <= 30) return 'orange.8';
  if (row.daysLeft <= 90) return 'yellow.8';
  return undefined;
}

export function DaysLeft({ row, size = 'sm' }: { row: Pick<AgreementRow, 'validUntil' | 'daysLeft' | 'effectiveStatus'>; size?: string }) {
  const { t } = useTranslation();
  return (
    <Text span size={size} c={daysLeftColor(row)} data-testid="agreement-days-left">
      {daysLeftText(t, row)}
    </Text>
  );
}

/** `2024-05-01` → `1 Mei 2024`; null → null (DetailList shows a dash). */
export function dateOrNull(value: string | null, lang: Lang): string | null {
  return value === null ? null : formatDate(value, lang);
}

/** `2024-03-15` + 30 → `2024-04-14` (calendar days, UTC). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/**
 * The day the core counted from ("today" by its clock, which a test or an audit may fix): the
 * answer carries it implicitly as `validUntil - daysLeft`. Null for open-ended agreements.
 */
export function coreToday(row: Pick<AgreementRow, 'validUntil' | 'daysLeft'>): string | null {
  return row.validUntil !== null && row.daysLeft !== null ? addDays(row.validUntil, -row.daysLeft) : null;
}

/** The calendar day of a UTC timestamp in Jakarta, formatted: `2024-05-01T20:00:00Z` → `2 Mei 2024`. */
export function jakartaDate(timestamp: string, lang: Lang): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(timestamp),
  );
  return formatDate(day, lang);
}

/** `512` → `512 byte`; `123456` → `121 KB` (rounded up, so a small file never shows 0 KB). */
export function documentSize(t: TFunction, bytes: number): string {
  if (bytes < 1024) return t('agreements.documents.sizeBytes', { size: formatNumber(bytes) });
  return t('agreements.documents.sizeKb', { size: formatNumber(Math.ceil(bytes / 1024)) });
}

export function documentType(t: TFunction, mediaType: string): string {
  if (mediaType === 'application/pdf') return t('agreements.documents.type.pdf');
  if (mediaType === 'image/jpeg') return t('agreements.documents.type.jpeg');
  return t('agreements.documents.type.png');
}
