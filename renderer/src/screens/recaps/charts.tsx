import { AreaChart, BarChart } from '@mantine/charts';
import { Group, Paper, SegmentedControl, Select, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCompact, formatDate, formatMonth, formatNumber, formatRupiah } from '../../../../electron/api/format';
import type { RecapFilterInput } from '../../../../electron/api/procedures/recaps';
import { useLang } from '../../api/use-lang';
import { useProcedure } from '../../api/use-procedure';
import { Loadable } from '../../components/Loadable';

/** A chart in its frame: a heading, and the chart named for screen readers (the table beside it is its text). */
export function ChartPanel({ title, controls, children, testId }: { title: string; controls?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Group justify="space-between" align="flex-end" mb="sm" gap="sm">
        <Title order={3} size="h5">
          {title}
        </Title>
        {controls}
      </Group>
      {children}
    </Paper>
  );
}

export interface NeedRealisedBar {
  name: string;
  need: number;
  realised: number;
}

/** Horizontal bars, need against realised, one pair per category (item type, kota …). */
export function NeedRealisedChart({ data, ariaLabel, money = false }: { data: NeedRealisedBar[]; ariaLabel: string; money?: boolean }) {
  const { t } = useTranslation();
  if (data.length === 0) return <Text c="dimmed">{t('recapScreens.chart.noData')}</Text>;
  const format = money ? formatRupiah : formatNumber;
  const longest = Math.max(...data.map((d) => d.name.length));
  return (
    <BarChart
      h={Math.max(160, data.length * 44 + 70)}
      data={data}
      dataKey="name"
      orientation="vertical"
      series={[
        { name: 'need', label: t('recaps.measure.need'), color: 'gray.5' },
        { name: 'realised', label: t('recaps.measure.realised'), color: 'teal.6' },
      ]}
      valueFormatter={format}
      withLegend
      legendProps={{ verticalAlign: 'top', height: 36 }}
      // Wide enough for the longest name on one line (about 7.5 px a character at the axis' size), within reason.
      yAxisProps={{ width: Math.min(300, Math.max(90, Math.ceil(longest * 7.5) + 16)) }}
      xAxisProps={{ tickFormatter: (value: number) => (money ? formatCompact(value) : formatNumber(value)) }}
      gridAxis="x"
      role="img"
      aria-label={ariaLabel}
    />
  );
}

type Interval = 'week' | 'month';

/** Every period from the first to the last (a week or month with nothing delivered is a zero, not a gap). */
function periodsBetween(first: string, last: string, interval: Interval): string[] {
  const out: string[] = [];
  const at = new Date(`${first}T00:00:00Z`);
  const end = new Date(`${last}T00:00:00Z`);
  while (at <= end && out.length < 1000) {
    out.push(at.toISOString().slice(0, 10));
    if (interval === 'week') at.setUTCDate(at.getUTCDate() + 7);
    else at.setUTCMonth(at.getUTCMonth() + 1);
  }
  return out;
}

/**
 * The timeline of realisations (`recap:timeline`): the number of delivery reports, or one item
 * type's realised quantity, per week or month. One measure at a time: item types have their own units.
 */
export function TimelineChart({ filters, rupiahItems }: { filters: RecapFilterInput; rupiahItems: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [interval, setInterval] = useState<Interval>('month');
  const [measure, setMeasure] = useState<string>('distributions');
  const timeline = useProcedure('recap:timeline', { filters, interval });

  const controls = (
    <Group gap="sm" align="flex-end">
      <Select
        label={t('recapScreens.chart.timelineMeasure')}
        size="xs"
        w={300}
        value={measure}
        onChange={(value) => setMeasure(value ?? 'distributions')}
        allowDeselect={false}
        data={[
          { value: 'distributions', label: t('recapScreens.chart.timelineDistributions') },
          ...(timeline.status === 'ready'
            ? timeline.value.itemTypes.map((it) => ({ value: it.itemTypeId, label: t('recapScreens.chart.timelineItem', { program: it.program, itemType: it.itemType, unit: it.unit }) }))
            : []),
        ]}
        data-testid="timeline-measure"
      />
      <SegmentedControl
        size="xs"
        value={interval}
        onChange={(value) => setInterval(value as Interval)}
        data={(['month', 'week'] as const).map((i) => ({ value: i, label: t(`recaps.interval.${i}`) }))}
        data-testid="timeline-interval"
      />
    </Group>
  );

  return (
    <ChartPanel title={t('recapScreens.chart.timelineTitle')} controls={controls} testId="chart-timeline">
      <Loadable state={timeline}>
        {(value) => {
          const item = value.itemTypes.find((it) => it.itemTypeId === measure);
          const points = value.points.filter((p) => item === undefined || p.itemTypeId === item.itemTypeId);
          if (points.length === 0) return <Text c="dimmed">{t('recapScreens.chart.noData')}</Text>;
          const sums = new Map<string, number>();
          for (const p of points) sums.set(p.period, (sums.get(p.period) ?? 0) + (item ? p.realised : p.distributions));
          const periods = [...sums.keys()].sort();
          const data = periodsBetween(periods[0] as string, periods[periods.length - 1] as string, interval).map((period) => ({
            period: interval === 'month' ? formatMonth(period, lang) : formatDate(period, lang),
            value: sums.get(period) ?? 0,
          }));
          const money = item !== undefined && rupiahItems.has(item.itemTypeId);
          const format = money ? formatRupiah : formatNumber;
          const label = item ? `${item.itemType} (${item.unit})` : t('recapScreens.chart.timelineDistributions');
          return (
            <AreaChart
                h={260}
                data={data}
                dataKey="period"
                series={[{ name: 'value', label, color: 'teal.6' }]}
                curveType="monotone"
                valueFormatter={format}
                yAxisProps={{ width: 70, tickFormatter: (v: number) => (money ? formatCompact(v) : formatNumber(v)) }}
                withDots={data.length <= 40}
                role="img"
                aria-label={t('recapScreens.chart.timelineAria', { measure: label, interval: t(`recaps.interval.${interval}`).toLowerCase() })}
              />
          );
        }}
      </Loadable>
    </ChartPanel>
  );
}
