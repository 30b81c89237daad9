import { Alert, Anchor, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../electron/api/contract';
import { formatDate, formatNumber } from '../../../../electron/api/format';
import { useCan } from '../../api/session';
import { useAction } from '../../api/use-action';
import { useLang } from '../../api/use-lang';
import { useProcedure } from '../../api/use-procedure';
import { DetailList } from '../../components/DetailList';
import { Loadable } from '../../components/Loadable';
import { type PartnerOption, PartnerSelect } from '../../components/PartnerSelect';
import { RecordHistory } from '../../components/RecordHistory';
import { StatCard } from '../../components/StatCard';
import { navigate, routeHref } from '../../routes';

type Partner = Output<'partner:get'>;

/** Merges another partner (a duplicate) into this one, after saying what will move. */
function MergeDialog({ partner, opened, onClose, onDone }: { partner: Partner; opened: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [duplicate, setDuplicate] = useState<PartnerOption | null>(null);
  const merge = async () => {
    if (!duplicate) return;
    const result = await action.run('partner:merge', { keepId: partner.id, mergeId: duplicate.id }, t('partners.ui.merged'));
    if (result) {
      setDuplicate(null);
      onDone();
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('partners.ui.mergeTitle', { name: partner.name })} size="lg">
      <Stack gap="md">
        <Text size="sm">{t('partners.ui.mergeExplain', { name: partner.name })}</Text>
        <PartnerSelect label={t('partners.ui.mergeWhich')} value={duplicate} onChange={setDuplicate} excludeId={partner.id} testId="merge-partner" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('partners.ui.cancel')}
          </Button>
          <Button color="red" disabled={!duplicate} loading={action.running} onClick={merge} data-testid="merge-confirm">
            {t('partners.ui.mergeConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function AgreementsOfPartner({ partnerId }: { partnerId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const agreements = useProcedure('agreement:list', { partnerId, limit: 100, offset: 0, direction: 'desc', sort: 'validUntil' });
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          {t('agreements.title')}
        </Title>
        {can('agreement:create') && (
          <Button variant="light" component="a" href={routeHref({ screen: 'agreement-new', partnerId })} data-testid="partner-agreement-new">
            {t('agreements.newAgreement')}
          </Button>
        )}
      </Group>
      <Loadable state={agreements}>
        {({ rows }) =>
          rows.length === 0 ? (
            <Text c="dimmed">{t('common.empty')}</Text>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('agreements.field.number')}</Table.Th>
                  <Table.Th>{t('agreements.field.effectiveStatus')}</Table.Th>
                  <Table.Th>{t('agreements.field.validUntil')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.id}>
                    <Table.Td>
                      <Anchor fz="inherit" href={routeHref({ screen: 'agreement', id: row.id })}>
                        {row.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`agreements.status.${row.effectiveStatus}`)}</Table.Td>
                    <Table.Td>{row.validUntil ? formatDate(row.validUntil, lang) : t('agreements.openEnded')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </Loadable>
    </Paper>
  );
}

function PartnerView({ partner, reload }: { partner: Partner; reload: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const action = useAction();
  const can = useCan();
  const [merging, mergeDialog] = useDisclosure(false);
  const programs = useProcedure('program:list', {});
  const programName = (id: string) => (programs.status === 'ready' ? (programs.value.find((p) => p.id === id)?.name ?? id) : id);
  const yesNo = (value: boolean) => (value ? t('partners.cli.yes') : t('partners.cli.no'));

  const archive = async (archived: boolean) => {
    if (await action.run('partner:archive', { id: partner.id, archived }, archived ? t('partners.action.archive') : t('partners.action.unarchive'))) reload();
  };
  const unmerge = async () => {
    if (await action.run('partner:unmerge', { mergeId: partner.id }, t('partners.action.unmerge'))) reload();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} data-testid="partner-title">
            {partner.name}
          </Title>
          <Group gap={6} mt={4}>
            <Badge variant="outline">{t(`partners.entityKind.${partner.entityKind}`)}</Badge>
            {partner.isCollaborator && <Badge variant="light">{t('partners.role.collaborator')}</Badge>}
            {partner.isAggregator && (
              <Badge variant="light" color="grape">
                {t('partners.role.aggregator')}
              </Badge>
            )}
            <Badge color={partner.verified ? 'teal' : 'orange'} variant="dot">
              {partner.verified ? t('partners.list.verified') : t('partners.list.notVerified')}
            </Badge>
            {partner.archivedAt && <Badge color="gray">{t('partners.list.archived')}</Badge>}
          </Group>
        </div>
        {!partner.mergedIntoId && (
          <Group gap="xs">
            {can('partner:update') && (
              <Button variant="default" onClick={() => navigate({ screen: 'partner-edit', id: partner.id })} data-testid="partner-edit">
                {t('partners.ui.edit')}
              </Button>
            )}
            {can('partner:merge') && (
              <Button variant="default" onClick={mergeDialog.open} data-testid="partner-merge">
                {t('partners.ui.merge')}
              </Button>
            )}
            {can('partner:archive') && (
              <Button variant="default" color="gray" loading={action.running} onClick={() => archive(!partner.archivedAt)} data-testid="partner-archive">
                {partner.archivedAt ? t('partners.ui.unarchive') : t('partners.ui.archive')}
              </Button>
            )}
          </Group>
        )}
      </Group>

      {partner.mergedIntoId && (
        <Alert color="orange" title={t('partners.field.partner.mergedIntoId')} data-testid="merged-banner">
          <Group justify="space-between">
            <Anchor href={routeHref({ screen: 'partner', id: partner.mergedIntoId })}>{t('partners.ui.openKept')}</Anchor>
            {can('partner:unmerge') && (
              <Button size="xs" variant="white" color="orange" loading={action.running} onClick={unmerge} data-testid="partner-unmerge">
                {t('partners.ui.unmerge')}
              </Button>
            )}
          </Group>
        </Alert>
      )}

      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <StatCard id="partner-pledges" label={t('partners.counts.pledges')} value={formatNumber(partner.counts.pledges)} />
        <StatCard id="partner-distributions" label={t('partners.counts.distributions')} value={formatNumber(partner.counts.distributions)} />
        <StatCard id="partner-agreements" label={t('partners.counts.agreements')} value={formatNumber(partner.counts.agreements)} />
        <StatCard id="partner-fund-transfers" label={t('partners.counts.fundTransfers')} value={formatNumber(partner.counts.fundTransfers)} />
      </SimpleGrid>

      <Paper withBorder p="md" radius="md">
        <DetailList
          testId="partner-details"
          items={[
            { label: t('partners.field.partner.contactName'), value: partner.contactName },
            { label: t('partners.field.partner.phone'), value: partner.phone },
            { label: t('partners.field.partner.email'), value: partner.email },
            { label: t('partners.field.partner.address'), value: partner.address },
            { label: t('partners.field.partner.regionCode'), value: [partner.regionName, partner.kotaName].filter(Boolean).join(', ') },
            { label: t('partners.field.partner.npwp'), value: partner.npwp },
            { label: t('partners.field.partner.programIds'), value: partner.programIds.map(programName).join(', ') },
            ...(partner.isAggregator
              ? [
                  { label: t('partners.field.partner.legalEntityNumber'), value: partner.legalEntityNumber },
                  { label: t('partners.field.partner.collectsMoney'), value: yesNo(partner.collectsMoney) },
                  { label: t('partners.field.partner.licenceKind'), value: partner.licenceKind ? t(`partners.licenceKind.${partner.licenceKind}`) : null },
                  { label: t('partners.field.partner.licenceNumber'), value: partner.licenceNumber },
                  { label: t('partners.field.partner.licenceIssuer'), value: partner.licenceIssuer },
                  { label: t('partners.field.partner.licenceValidUntil'), value: partner.licenceValidUntil ? formatDate(partner.licenceValidUntil, lang) : null },
                ]
              : []),
            { label: t('partners.field.partner.notes'), value: partner.notes },
          ]}
        />
      </Paper>

      <AgreementsOfPartner partnerId={partner.id} />
      <RecordHistory key={`${partner.id}-${partner.mergedIntoId}-${partner.archivedAt}`} tableName="partner" recordId={partner.id} />
      {can('partner:merge') && (
        <MergeDialog
          partner={partner}
          opened={merging}
          onClose={mergeDialog.close}
          onDone={() => {
            mergeDialog.close();
            reload();
          }}
        />
      )}
    </Stack>
  );
}

/** One partner: its data, roles, licence, agreements, counts, and its history; edit, archive, merge. */
export function PartnerScreen({ id }: { id: string }) {
  const partner = useProcedure('partner:get', { id });
  return <Loadable state={partner}>{(p) => <PartnerView partner={p} reload={partner.status === 'ready' ? partner.reload : () => undefined} />}</Loadable>;
}
