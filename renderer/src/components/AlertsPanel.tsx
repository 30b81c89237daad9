import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatNumber } from '../../../electron/api/format';
import { alertKinds, type Alert, type AlertKind } from '../../../electron/api/procedures/agreements';
import { useProcedure } from '../api/use-procedure';
import { routeHref } from '../routes';
import { Loadable } from './Loadable';

/** Shown at once; the rest is counted (a registry with thousands of aggregators stays readable). */
const SHOWN = 100;

const kindColors: Record<AlertKind, string> = {
  agreement_expiring: 'yellow',
  agreement_expired_with_activity: 'red',
  aggregator_without_agreement: 'orange',
  licence_missing: 'orange',
  licence_expired: 'red',
};

const bucketColors = { 30: 'red', 60: 'orange', 90: 'yellow' } as const;

function alertText(t: TFunction, alert: Alert): string {
  const base = { number: alert.agreementNumber ?? '—', partner: alert.partnerName };
  switch (alert.kind) {
    case 'agreement_expiring':
      return t('agreements.alerts.text.agreement_expiring', { ...base, date: alert.validUntil, days: formatNumber(alert.daysLeft) });
    case 'agreement_expired_with_activity':
      return t('agreements.alerts.text.agreement_expired_with_activity', {
        ...base,
        date: alert.validUntil,
        count: formatNumber(alert.activityCount),
        first: alert.firstActivityOn,
        last: alert.lastActivityOn,
      });
    case 'aggregator_without_agreement':
      return t('agreements.alerts.text.aggregator_without_agreement', base);
    case 'licence_missing':
      return t('agreements.alerts.text.licence_missing', base);
    case 'licence_expired':
      return t('agreements.alerts.text.licence_expired', { ...base, licence: alert.licenceNumber });
  }
}

/** Where an alert leads: the agreement it is about, else the partner (an aggregator without a PKS, a licence). */
function alertHref(alert: Alert): string {
  const aboutAgreement = alert.kind === 'agreement_expiring' || alert.kind === 'agreement_expired_with_activity';
  return aboutAgreement && alert.agreementId ? routeHref({ screen: 'agreement', id: alert.agreementId }) : routeHref({ screen: 'partner', id: alert.partnerId });
}

/**
 * Peringatan PKS dan izin on the Beranda: counts per kind (each a filter), then the alerts
 * themselves, each linking to the agreement or partner to act on.
 */
export function AlertsPanel() {
  const { t } = useTranslation();
  const state = useProcedure('alert:list', {});
  const [kind, setKind] = useState<AlertKind | null>(null);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="alerts-title" data-testid="alerts-panel">
      <Loadable state={state}>
        {({ asOf, counts, alerts }) => {
          const shown = kind === null ? alerts : alerts.filter((alert) => alert.kind === kind);
          return (
            <Stack gap="sm">
              <Group justify="space-between" align="baseline">
                <Title order={3} size="h5" id="alerts-title">
                  {t('agreements.alerts.title')}
                </Title>
                <Text size="sm" c="dimmed" data-testid="alerts-as-of">
                  {t('agreements.alerts.asOf', { date: asOf })}
                </Text>
              </Group>
              {alerts.length === 0 ? (
                <Text c="dimmed" data-testid="alerts-none">
                  {t('agreements.alerts.none')}
                </Text>
              ) : (
                <>
                  <Group gap="xs" role="group" aria-label={t('agreements.alerts.title')}>
                    <Button size="compact-sm" variant={kind === null ? 'filled' : 'default'} onClick={() => setKind(null)} aria-pressed={kind === null}>
                      {t('agreements.alerts.all')} · {formatNumber(alerts.length)}
                    </Button>
                    {alertKinds
                      .filter((k) => counts[k] > 0)
                      .map((k) => (
                        <Button
                          key={k}
                          size="compact-sm"
                          color={kindColors[k]}
                          variant={kind === k ? 'filled' : 'light'}
                          onClick={() => setKind(kind === k ? null : k)}
                          aria-pressed={kind === k}
                          data-testid="alert-count"
                          data-kind={k}
                        >
                          {t(`agreements.alerts.kind.${k}`)} · {formatNumber(counts[k])}
                        </Button>
                      ))}
                  </Group>
                  <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                    {shown.slice(0, SHOWN).map((alert) => (
                      <Group
                        key={`${alert.kind}-${alert.partnerId}-${alert.agreementId ?? ''}`}
                        component="li"
                        gap="sm"
                        wrap="nowrap"
                        align="flex-start"
                        data-testid="alert-item"
                        data-kind={alert.kind}
                        data-bucket={alert.kind === 'agreement_expiring' ? alert.bucket : undefined}
                      >
                        {alert.kind === 'agreement_expiring' ? (
                          <Badge color={bucketColors[alert.bucket]} variant="light" miw={104} style={{ flexShrink: 0 }} data-testid="alert-bucket">
                            {t(`agreements.alerts.bucket.${alert.bucket}`)}
                          </Badge>
                        ) : (
                          <Badge color={kindColors[alert.kind]} variant="outline" miw={104} style={{ flexShrink: 0 }}>
                            {t(`agreements.alerts.short.${alert.kind}`)}
                          </Badge>
                        )}
                        <Anchor href={alertHref(alert)} size="sm" style={{ overflowWrap: 'anywhere' }}>
                          {alertText(t, alert)}
                        </Anchor>
                      </Group>
                    ))}
                  </Stack>
                  {shown.length > SHOWN && (
                    <Text size="sm" c="dimmed">
                      {t('agreements.alerts.showing', { shown: formatNumber(SHOWN), total: formatNumber(shown.length) })}
                    </Text>
                  )}
                </>
              )}
            </Stack>
          );
        }}
      </Loadable>
    </Paper>
  );
}
