import { Alert, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/api/contract';
import { formatDate, formatNumber, formatRupiah } from '../../../electron/api/format';
import { isLang } from '../../../electron/api/i18n';
import { useProcedure } from '../api/use-procedure';
import { AlertsPanel } from '../components/AlertsPanel';
import { Loadable } from '../components/Loadable';
import { StatCard } from '../components/StatCard';

type Summary = Output<'dashboard:summary'>;
type Key = keyof Summary;

const groups: { title: string; stats: { key: Key; label: string; money?: boolean }[] }[] = [
  {
    title: 'dashboard.registry',
    stats: [
      { key: 'partners', label: 'dashboard.partners' },
      { key: 'collaborators', label: 'dashboard.collaborators' },
      { key: 'aggregators', label: 'dashboard.aggregators' },
      { key: 'agreements', label: 'dashboard.agreements' },
      { key: 'targets', label: 'dashboard.targets' },
    ],
  },
  {
    title: 'dashboard.activity',
    stats: [
      { key: 'needs', label: 'dashboard.needs' },
      { key: 'pledges', label: 'dashboard.pledges' },
      { key: 'distributions', label: 'dashboard.distributions' },
      { key: 'distributionsRejected', label: 'dashboard.distributionsRejected' },
      { key: 'fundTransfers', label: 'dashboard.fundTransfers' },
    ],
  },
  {
    title: 'dashboard.money',
    stats: [
      { key: 'pledgedRupiah', label: 'dashboard.pledgedRupiah', money: true },
      { key: 'distributedRupiah', label: 'dashboard.distributedRupiah', money: true },
      { key: 'transferredRupiah', label: 'dashboard.transferredRupiah', money: true },
    ],
  },
  {
    title: 'dashboard.regionsReached',
    stats: [
      { key: 'kotaReached', label: 'dashboard.kotaReached' },
      { key: 'kelurahanReached', label: 'dashboard.kelurahanReached' },
      { key: 'rwReached', label: 'dashboard.rwReached' },
    ],
  },
];

/** Beranda: live counts from the database, nothing typed in. */
export function DashboardScreen() {
  const { t, i18n } = useTranslation();
  const lang = isLang(i18n.language) ? i18n.language : 'id';
  const summary = useProcedure('dashboard:summary', {});
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('dashboard.title')}</Title>
          <Text c="dimmed">{t('dashboard.subtitle')}</Text>
        </div>
        <Button variant="default" onClick={summary.status === 'ready' ? summary.reload : undefined} disabled={summary.status !== 'ready'}>
          {t('common.refresh')}
        </Button>
      </Group>
      <Loadable state={summary}>
        {(s) => (
          <Stack gap="lg">
            {s.firstDistributionOn && s.lastDistributionOn ? (
              <Text data-testid="distribution-period">
                {t('dashboard.period', { from: formatDate(s.firstDistributionOn, lang), to: formatDate(s.lastDistributionOn, lang) })}
              </Text>
            ) : (
              <Alert color="blue">{t('dashboard.noActivity')}</Alert>
            )}
            {groups.map((group) => (
              <section key={group.title} aria-labelledby={`group-${group.title}`}>
                <Title order={3} size="h5" mb="xs" id={`group-${group.title}`}>
                  {t(group.title)}
                </Title>
                <SimpleGrid cols={group.stats.some((stat) => stat.money) ? { base: 1, md: 2, lg: 3 } : { base: 2, sm: 3, lg: 5 }}>
                  {group.stats.map((stat) => {
                    const value = s[stat.key];
                    const text = typeof value === 'number' ? (stat.money ? formatRupiah(value) : formatNumber(value)) : '';
                    return <StatCard key={stat.key} id={stat.key} label={t(stat.label)} value={text} />;
                  })}
                </SimpleGrid>
              </section>
            ))}
            <Text size="sm" c="dimmed">
              {t('dashboard.countedNote')}
            </Text>
          </Stack>
        )}
      </Loadable>
      <AlertsPanel />
    </Stack>
  );
}
