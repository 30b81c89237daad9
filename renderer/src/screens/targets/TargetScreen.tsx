import { Badge, Button, Group, Paper, SimpleGrid, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../electron/api/format';
import { useCan } from '../../api/session';
import { useProcedure } from '../../api/use-procedure';
import { DetailList } from '../../components/DetailList';
import { Loadable } from '../../components/Loadable';
import { RecordHistory } from '../../components/RecordHistory';
import { StatCard } from '../../components/StatCard';
import { navigate } from '../../routes';

/** One target: where it is, its keluarga rentan and PIC, what it needs and received, its history. */
export function TargetScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const target = useProcedure('target:get', { id });
  return (
    <Loadable state={target}>
      {(value) => (
        <Stack gap="md">
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={2} data-testid="target-title">
                {value.name}
              </Title>
              <Badge variant="outline" mt={4}>
                {t(`partners.targetKind.${value.kind}`)}
              </Badge>
            </div>
            {can('target:update') && (
              <Button variant="default" onClick={() => navigate({ screen: 'target-edit', id })} data-testid="target-edit">
                {t('partners.ui.edit')}
              </Button>
            )}
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <StatCard id="target-needs" label={t('partners.counts.needs')} value={formatNumber(value.counts.needs)} />
            <StatCard id="target-pledges" label={t('partners.counts.pledges')} value={formatNumber(value.counts.pledges)} />
            <StatCard id="target-distributions" label={t('partners.counts.distributions')} value={formatNumber(value.counts.distributions)} />
          </SimpleGrid>
          <Paper withBorder p="md" radius="md">
            <DetailList
              items={[
                { label: t('partners.field.target.regionCode'), value: value.regionPath.map((r) => r.name).join(' › ') },
                { label: t('regions.code'), value: value.regionCode },
                { label: t('partners.field.target.vulnerableFamilies'), value: value.vulnerableFamilies === null ? null : formatNumber(value.vulnerableFamilies) },
                { label: t('partners.field.target.picName'), value: value.picName },
                { label: t('partners.field.target.picPhone'), value: value.picPhone },
                { label: t('partners.field.target.picRole'), value: value.picRole },
                { label: t('partners.field.target.notes'), value: value.notes },
              ]}
            />
          </Paper>
          <RecordHistory tableName="target" recordId={id} />
        </Stack>
      )}
    </Loadable>
  );
}
