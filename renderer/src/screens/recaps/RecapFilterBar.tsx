import { Box, Button, Group, Input, SegmentedControl, Select, SimpleGrid, Stack } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../electron/api/contract';
import { recapVerificationLevels } from '../../../../electron/api/procedures/recaps';
import { call } from '../../api/client';
import { useLang } from '../../api/use-lang';
import { useProcedure } from '../../api/use-procedure';
import { DateField } from '../../components/DateField';
import { Loadable } from '../../components/Loadable';
import { type PartnerOption, PartnerSelect } from '../../components/PartnerSelect';
import type { RecapViewFilters } from './recap-view';

type Programs = Output<'program:list'>;
type Agencies = Output<'agency:list'>['rows'];

/** The partner named in the address, by its id: its name is looked up once for the picker. */
function usePartnerOption(partnerId: string | undefined): [PartnerOption | null, (p: PartnerOption | null) => void] {
  const lang = useLang();
  const [known, setKnown] = useState<PartnerOption | null>(null);
  useEffect(() => {
    if (partnerId === undefined || known?.id === partnerId) return;
    let current = true;
    call('partner:get', { id: partnerId }, lang).then(
      (p) => current && setKnown({ id: p.id, name: p.name, isAggregator: p.isAggregator }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [partnerId, known?.id, lang]);
  return [partnerId !== undefined && known?.id === partnerId ? known : null, setKnown];
}

/** The filters every recap tab (and the map) shares: period, program, item type, SKPD, partner and channel. */
export function RecapFilterBar({ filters, onChange }: { filters: RecapViewFilters; onChange: (next: RecapViewFilters) => void }) {
  const programs = useProcedure('program:list', {});
  const agencies = useProcedure('agency:list', {});
  return (
    <Loadable state={programs}>
      {(programList) => (
        <Loadable state={agencies}>{(agencyList) => <FilterFields filters={filters} onChange={onChange} programs={programList} agencies={agencyList.rows} />}</Loadable>
      )}
    </Loadable>
  );
}

function FilterFields({
  filters,
  onChange,
  programs,
  agencies,
}: {
  filters: RecapViewFilters;
  onChange: (next: RecapViewFilters) => void;
  programs: Programs;
  agencies: Agencies;
}) {
  const { t } = useTranslation();
  const [partner, setPartner] = usePartnerOption(filters.partnerId);
  // The date fields keep what is being typed; clearing the filters starts them afresh.
  const [generation, setGeneration] = useState(0);

  const set = (change: Partial<RecapViewFilters>) => {
    const next: RecapViewFilters = { ...filters, ...change };
    for (const key of Object.keys(next) as (keyof RecapViewFilters)[]) if (next[key] === undefined) delete next[key];
    onChange(next);
  };
  const setDate = (key: 'from' | 'to', value: string | null) => {
    // null: the text is not a date yet; the field says so and the filter waits.
    if (value !== null) set({ [key]: value === '' ? undefined : value });
  };

  const program = programs.find((p) => p.id === filters.programId);
  const itemOptions = (program ? [program] : programs).map((p) => ({ group: p.name, items: p.itemTypes.map((it) => ({ value: it.id, label: `${it.name} (${it.unit})` })) }));
  const reversed = filters.from !== undefined && filters.to !== undefined && filters.from > filters.to;
  const filtered = Object.keys(filters).length > 0;

  return (
    <Stack gap="sm" role="search" aria-label={t('recapScreens.filter.label')} data-testid="recap-filters">
      <Group align="flex-end" gap="sm">
        <Box w={190}>
          <DateField key={`from-${generation}`} label={t('recapScreens.filter.from')} value={filters.from ?? ''} onChange={(v) => setDate('from', v)} testId="recap-filter-from" />
        </Box>
        <Box w={190}>
          <DateField
            key={`to-${generation}`}
            label={t('recapScreens.filter.to')}
            value={filters.to ?? ''}
            onChange={(v) => setDate('to', v)}
            error={reversed ? t('recapScreens.filter.periodReversed') : undefined}
            testId="recap-filter-to"
          />
        </Box>
        <Stack gap={4}>
          <Input.Label id="recap-filter-channel-label">{t('recapScreens.filter.channel')}</Input.Label>
          <SegmentedControl
            aria-labelledby="recap-filter-channel-label"
            value={filters.channel ?? 'all'}
            onChange={(value) => set({ channel: value === 'all' ? undefined : (value as 'aggregator' | 'end-to-end') })}
            data={(['all', 'aggregator', 'end-to-end'] as const).map((c) => ({ value: c, label: t(`recaps.channel.${c}`) }))}
            data-testid="recap-filter-channel"
          />
        </Stack>
        <Stack gap={4}>
          <Input.Label id="recap-filter-verification-label">{t('verification.recap.basis')}</Input.Label>
          <SegmentedControl
            aria-labelledby="recap-filter-verification-label"
            value={filters.verification ?? 'dilaporkan'}
            onChange={(value) => set({ verification: value === 'dilaporkan' ? undefined : (value as 'diverifikasi_wilayah' | 'diverifikasi_sekretariat') })}
            data={recapVerificationLevels.map((level) => ({ value: level, label: t(`verification.recap.level.${level}`) }))}
            data-testid="recap-filter-verification"
          />
        </Stack>
        {filtered && (
          <Button
            variant="subtle"
            size="compact-sm"
            ml="auto"
            mb={6}
            onClick={() => {
              setGeneration((n) => n + 1);
              setPartner(null);
              onChange({});
            }}
            data-testid="recap-filter-clear"
          >
            {t('recapScreens.filter.clear')}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="sm">
        <Select
          label={t('recapScreens.filter.program')}
          placeholder={t('recapScreens.filter.any')}
          data={programs.map((p) => ({ value: p.id, label: p.name }))}
          value={filters.programId ?? null}
          onChange={(value) => {
            const keepItem = value === null || programs.find((p) => p.id === value)?.itemTypes.some((it) => it.id === filters.itemTypeId);
            set({ programId: value ?? undefined, itemTypeId: keepItem ? filters.itemTypeId : undefined });
          }}
          clearable
          data-testid="recap-filter-program"
        />
        <Select
          label={t('recapScreens.filter.itemType')}
          placeholder={t('recapScreens.filter.any')}
          data={itemOptions}
          value={filters.itemTypeId ?? null}
          onChange={(value) => set({ itemTypeId: value ?? undefined })}
          clearable
          searchable
          data-testid="recap-filter-item-type"
        />
        <Select
          label={t('recapScreens.filter.agency')}
          placeholder={t('recapScreens.filter.any')}
          data={agencies.map((a) => ({ value: a.id, label: a.shortName }))}
          value={filters.agencyId ?? null}
          onChange={(value) => set({ agencyId: value ?? undefined })}
          clearable
          searchable
          data-testid="recap-filter-agency"
        />
        <PartnerSelect
          // The picker shows the name it was given when mounted; a partner named by the address arrives later.
          key={partner?.id ?? 'none'}
          label={t('recapScreens.filter.partner')}
          value={partner}
          onChange={(p) => {
            setPartner(p);
            set({ partnerId: p?.id });
          }}
          testId="recap-filter-partner"
          placeholder={t('recapScreens.filter.any')}
          clearable
        />
      </SimpleGrid>
    </Stack>
  );
}
