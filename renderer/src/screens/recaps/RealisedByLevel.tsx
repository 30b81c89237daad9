import { Paper, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../../../../electron/api/format';
import type { RecapFilterInput } from '../../../../electron/api/procedures/recaps';
import { useProcedure } from '../../api/use-procedure';
import { Loadable } from '../../components/Loadable';

/**
 * Realised figures by verification level (issue 10): per item type, what is reported (every
 * distribution not rejected) beside what is verified by the secretariat ("terverifikasi"), inside
 * the wilayah shown (null: the province), with the other filters of the recap.
 */
export function RealisedByLevel({ filters, parentCode }: { filters: RecapFilterInput; parentCode: string | null }) {
  const { t } = useTranslation();
  const reported = useProcedure('recap:wilayah', { filters: { ...filters, verification: 'dilaporkan' }, parentCode });
  const verified = useProcedure('recap:wilayah', { filters: { ...filters, verification: 'diverifikasi_sekretariat' }, parentCode });
  return (
    <Loadable state={reported}>
      {(all) => (
        <Loadable state={verified}>
          {(final) => {
            const verifiedOf = new Map(final.totals.items.map((item) => [item.itemTypeId, item.realised]));
            const items = all.totals.items.filter((item) => item.realised > 0);
            if (items.length === 0) return null;
            return (
              <Paper withBorder p="sm" radius="md" component="section" aria-label={t('verification.recap.split')} data-testid="recap-verification-split">
                <Text size="xs" tt="uppercase" fw={700} c="dimmed" mb={6}>
                  {t('verification.recap.split')}
                </Text>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('verification.open.columns.item')}</Table.Th>
                      <Table.Th ta="right">{t('verification.recap.reported')}</Table.Th>
                      <Table.Th ta="right">{t('verification.recap.verified')}</Table.Th>
                      <Table.Th ta="right">{t('verification.recap.share')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((item) => {
                      const done = verifiedOf.get(item.itemTypeId) ?? 0;
                      return (
                        <Table.Tr key={item.itemTypeId} data-testid="recap-verification-row">
                          <Table.Td>
                            {item.program} · {item.itemType}
                          </Table.Td>
                          <Table.Td ta="right">
                            {formatNumber(item.realised)} {item.unit}
                          </Table.Td>
                          <Table.Td ta="right">
                            {formatNumber(done)} {item.unit}
                          </Table.Td>
                          <Table.Td ta="right">{formatPercent(done / item.realised)}</Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Paper>
            );
          }}
        </Loadable>
      )}
    </Loadable>
  );
}
