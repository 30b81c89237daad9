import { Alert, Badge, Button, Checkbox, Group, Modal, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../electron/api/contract';
import { formatNumber } from '../../../../electron/api/format';
import { useAction } from '../../api/use-action';
import { useProcedure } from '../../api/use-procedure';
import { Loadable } from '../../components/Loadable';

type Proposals = Output<'pledge:proposals'>;

/**
 * Matching a pledge (issue 10): pick a pledge with a quantity not yet assigned, see the targets with
 * open need for its item (nearest in the wilayah tree first) and what is already assigned, and split
 * it over one or more targets. Beyond a target's open need only with the explicit confirmation.
 */
export function PledgeMatchDialog({ programId, itemTypeId, onClose }: { programId: string | null; itemTypeId: string | null; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const [pledgeId, setPledgeId] = useState<string | null>(null);
  const [changed, setChanged] = useState(false);
  const pledges = useProcedure('pledge:list', { programId: programId ?? undefined, itemTypeId: itemTypeId ?? undefined, limit: 200 });
  return (
    <Modal opened onClose={() => onClose(changed)} size="xl" title={t('verification.open.match')} data-testid="match-dialog">
      <Stack>
        <Loadable state={pledges}>
          {({ rows }) => (
            <Select
              label={t('verification.open.pledgeId')}
              data={rows.map((p) => ({ value: p.id, label: `${p.partnerName} · ${p.itemType} · ${formatNumber(p.unassigned)}/${formatNumber(p.quantity)} ${p.unit} · ${p.pledgedOn}${p.regionName ? ` · ${p.regionName}` : ''}` }))}
              value={pledgeId}
              onChange={setPledgeId}
              searchable
              data-autofocus
              data-testid="match-pledge"
            />
          )}
        </Loadable>
        {pledgeId && <Matching key={pledgeId} pledgeId={pledgeId} onChanged={() => setChanged(true)} />}
      </Stack>
    </Modal>
  );
}

function Matching({ pledgeId, onChanged }: { pledgeId: string; onChanged: () => void }) {
  const state = useProcedure('pledge:proposals', { pledgeId });
  return <Loadable state={state}>{(value) => <Parts value={value} reload={() => state.status === 'ready' && state.reload()} onChanged={onChanged} />}</Loadable>;
}

function Parts({ value, reload, onChanged }: { value: Proposals; reload: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [parts, setParts] = useState<Record<string, number>>({});
  const [confirmBeyond, setConfirmBeyond] = useState(false);
  const { pledge } = value;
  const asked = Object.values(parts).reduce((a, b) => a + b, 0);
  const beyond = value.proposals.some((p) => (parts[p.targetId] ?? 0) > p.open);
  const assign = async () => {
    const list = Object.entries(parts)
      .filter(([, quantity]) => quantity > 0)
      .map(([targetId, quantity]) => ({ targetId, quantity }));
    if (list.length === 0) return;
    const done = await action.run('pledge:assign', { pledgeId: pledge.id, parts: list, confirmBeyondNeed: confirmBeyond }, t('partners.ui.saved'));
    if (done) {
      setParts({});
      setConfirmBeyond(false);
      onChanged();
      reload();
    }
  };
  const unassign = async (assignmentId: string) => {
    if (await action.run('pledge:unassign', { assignmentId })) {
      onChanged();
      reload();
    }
  };
  return (
    <Stack gap="sm">
      <Text fw={600}>{t('verification.match.title', { partner: pledge.partnerName, quantity: formatNumber(pledge.quantity), unit: pledge.unit, item: pledge.itemType })}</Text>
      <Text data-testid="match-unassigned">{t('verification.match.unassigned', { quantity: formatNumber(pledge.unassigned - asked), unit: pledge.unit })}</Text>
      {value.assignments.length > 0 && (
        <>
          <Text size="sm" fw={600}>
            {t('verification.match.assigned')}
          </Text>
          <Table>
            <Table.Tbody>
              {value.assignments.map((a) => (
                <Table.Tr key={a.id} data-testid="match-assigned-row">
                  <Table.Td>{a.targetName}</Table.Td>
                  <Table.Td ta="right">
                    {formatNumber(a.quantity)} {pledge.unit}
                  </Table.Td>
                  <Table.Td>{a.beyondNeed && <Badge color="orange">{t('verification.match.confirmBeyond')}</Badge>}</Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => void unassign(a.id)}>
                      {t('verification.match.unassign')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <Text size="sm" fw={600}>
        {t('verification.match.proposals')}
      </Text>
      {value.proposals.length === 0 ? (
        <Alert color="gray">{t('verification.match.noProposals')}</Alert>
      ) : (
        <Table.ScrollContainer minWidth={600} mah={360}>
          <Table data-testid="match-proposals">
            <Table.Tbody>
              {value.proposals.map((p) => (
                <Table.Tr key={p.targetId}>
                  <Table.Td>
                    {p.targetName}
                    <Text size="xs" c="dimmed">
                      {[p.regionName, p.picName, p.picRole, p.picPhone].filter(Boolean).join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`verification.nearness.${p.nearness}`)}</Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    {formatNumber(p.open)} {p.unit}
                  </Table.Td>
                  <Table.Td w={150}>
                    <NumberInput
                      aria-label={`${t('verification.match.quantity')} ${p.targetName}`}
                      value={parts[p.targetId] ?? ''}
                      onChange={(v) => setParts({ ...parts, [p.targetId]: typeof v === 'number' ? v : 0 })}
                      min={0}
                      allowDecimal={false}
                      thousandSeparator="."
                      decimalSeparator=","
                      error={(parts[p.targetId] ?? 0) > p.open}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group justify="space-between">
        <Checkbox label={t('verification.match.confirmBeyond')} checked={confirmBeyond} onChange={(event) => setConfirmBeyond(event.currentTarget.checked)} disabled={!beyond} />
        <Button onClick={() => void assign()} disabled={asked === 0 || asked > pledge.unassigned || (beyond && !confirmBeyond)} loading={action.running} data-testid="match-assign">
          {t('verification.match.assign')}
        </Button>
      </Group>
    </Stack>
  );
}
