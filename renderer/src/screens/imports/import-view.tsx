import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportRowStatus } from '../../../../electron/api/procedures/imports';

/** Pieces the import screens show the same way. */

/** `0` → `A`, `27` → `AB`: a column as a spreadsheet names it. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The first 10 hex digits: enough to tell files apart on screen; the whole hash is copied. */
export function shortSha256(sha256: string): string {
  return sha256.slice(0, 10);
}

const statusColors: Record<ImportRowStatus, string> = { accepted: 'teal', rejected: 'red', duplicate: 'gray' };

export function RowStatusBadge({ status }: { status: ImportRowStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColors[status]} variant="light" tt="none" data-status={status}>
      {t(`imports.rowStatus.${status}`)}
    </Badge>
  );
}
