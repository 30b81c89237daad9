import { Anchor, Breadcrumbs, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatRupiah } from '../../../electron/api/format';
import { useProcedure } from '../api/use-procedure';
import { Loadable } from '../components/Loadable';
import { routeHref } from '../routes';

/** Wilayah browser: kota → kecamatan → kelurahan → RW, each row with what lies under it. */
export function RegionsScreen({ code }: { code: string | null }) {
  const { t } = useTranslation();
  const state = useProcedure('region:children', { parentCode: code });
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>{t('regions.title')}</Title>
        <Text c="dimmed">{t('regions.subtitle')}</Text>
      </div>
      <Loadable state={state}>
        {({ parent, ancestors, children }) => (
          <Stack gap="md">
            <Breadcrumbs aria-label={t('regions.title')} data-testid="region-breadcrumbs">
              {[...ancestors, ...(parent ? [parent] : [])].map((r, index, all) =>
                index === all.length - 1 ? (
                  <Text key={r.code} fw={600} aria-current="page">
                    {r.level === 'provinsi' ? t('regions.root') : r.name}
                  </Text>
                ) : (
                  <Anchor key={r.code} href={routeHref({ screen: 'regions', code: r.level === 'provinsi' ? null : r.code })}>
                    {r.level === 'provinsi' ? t('regions.root') : r.name}
                  </Anchor>
                ),
              )}
            </Breadcrumbs>
            {children.length === 0 ? (
              <Text c="dimmed">{t('common.empty')}</Text>
            ) : (
              <Table striped highlightOnHover stickyHeader data-testid="region-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('regions.code')}</Table.Th>
                    <Table.Th>{t(`level.${children[0]?.level ?? 'kota'}`)}</Table.Th>
                    <Table.Th ta="right">{t('regions.children')}</Table.Th>
                    <Table.Th ta="right">{t('regions.targets')}</Table.Th>
                    <Table.Th ta="right">{t('regions.distributions')}</Table.Th>
                    <Table.Th ta="right">{t('regions.distributedRupiah')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {children.map((r) => (
                    <Table.Tr key={r.code} data-testid="region-row" data-code={r.code}>
                      <Table.Td ff="monospace">{r.code}</Table.Td>
                      <Table.Td>
                        {r.childCount > 0 ? (
                          <Anchor fz="inherit" href={routeHref({ screen: 'regions', code: r.code })}>
                            {r.name}
                          </Anchor>
                        ) : (
                          r.name
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{formatNumber(r.childCount)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(r.targetCount)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(r.distributionCount)}</Table.Td>
                      <Table.Td ta="right">{formatRupiah(r.distributedRupiah)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        )}
      </Loadable>
    </Stack>
  );
}
