import { Text, UnstyledButton } from '@mantine/core';
import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCompact, formatNumber, formatRupiah } from '../../../../electron/api/format';
import type { RecapFilterInput, RecapRowSource } from '../../../../electron/api/procedures/recaps';

/** A figure's coordinates: everything `recap:rows` needs to list the records behind it. */
export interface FigureRequest {
  /** What the figure counts and where, for the drawer's title. */
  title: string;
  filters: RecapFilterInput;
  source: RecapRowSource;
  regionCode?: string;
  targetId?: string;
}

export type FigureMeasure =
  | 'collaborators'
  | 'aggregators'
  | 'targets'
  | 'need'
  | 'pledged'
  | 'realised'
  | 'rupiahPledged'
  | 'rupiahRealised'
  | 'rupiahTransferred'
  | 'kota'
  | 'kecamatan'
  | 'kelurahan'
  | 'rw';

/**
 * Which records a measure is counted from. Partners are counted from pledges and deliveries
 * alike: their figure opens on the deliveries and the drawer switches to the pledges.
 */
export const measureSource: Record<FigureMeasure, RecapRowSource> = {
  collaborators: 'distributions',
  aggregators: 'distributions',
  targets: 'distributions',
  need: 'needs',
  pledged: 'pledges',
  realised: 'distributions',
  rupiahPledged: 'pledges',
  rupiahRealised: 'distributions',
  rupiahTransferred: 'fund-transfers',
  kota: 'distributions',
  kecamatan: 'distributions',
  kelurahan: 'distributions',
  rw: 'distributions',
};

const OpenFigure = createContext<(request: FigureRequest) => void>(() => undefined);
export const FigureProvider = OpenFigure.Provider;

/** Opens the drawer with the rows behind a figure (the Rekap screen provides it). */
export function useOpenFigure(): (request: FigureRequest) => void {
  return useContext(OpenFigure);
}

/**
 * One figure of a recap, formatted the id-ID way. Anything above zero is a button (Tab to it,
 * Enter opens the rows behind it); a zero has no rows to show.
 */
export function Figure({
  value,
  format = 'number',
  measure,
  where,
  request,
  testId,
}: {
  /** null: the measure does not apply here (shown as a dash). */
  value: number | null;
  /** `compact`: `217,8 M` for Rupiah in a crowded table; the exact Rupiah is in its tooltip and label. */
  format?: 'number' | 'rupiah' | 'compact';
  measure: FigureMeasure;
  /** The figure's place in words ("Pangan · paket sembako", "Jakarta Selatan"), for its label and the drawer. */
  where: string;
  request: Omit<FigureRequest, 'title' | 'source'>;
  testId?: string;
}) {
  const { t } = useTranslation();
  const open = useOpenFigure();
  const style = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;
  if (value === null) {
    return (
      <Text span fz="inherit" c="dimmed" data-testid={testId}>
        —
      </Text>
    );
  }
  const text = format === 'number' ? formatNumber(value) : format === 'rupiah' ? formatRupiah(value) : formatCompact(value);
  const exact = format === 'number' ? text : formatRupiah(value);
  if (value === 0) {
    return (
      <Text span fz="inherit" c="dimmed" style={style} title={exact} data-testid={testId} data-value={value}>
        {text}
      </Text>
    );
  }
  const measureLabel = t(`recaps.measure.${measure}`);
  return (
    <UnstyledButton
      fz="inherit"
      c="teal.8"
      style={{ ...style, textDecoration: 'underline dotted', textUnderlineOffset: 3 }}
      title={exact}
      aria-label={t('recapScreens.figure.open', { measure: measureLabel, value: exact, where })}
      // A figure inside a table row that opens on its own (overlap, unserved): the figure's rows win.
      onClick={(event) => {
        event.stopPropagation();
        open({ ...request, title: `${measureLabel} · ${where}`, source: measureSource[measure] });
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') event.stopPropagation();
      }}
      data-testid={testId}
      data-value={value}
    >
      {text}
    </UnstyledButton>
  );
}
