import { Box, ColorSwatch, Group, Paper, Stack, Text } from '@mantine/core';
import { type FocusEvent, type KeyboardEvent, memo, type PointerEvent, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { featureDescription, featureFill, featureStroke, mapStyle, type MapTranslate, outlineOrder } from '../../../../electron/api/map-style';
import type { MapFeature, MapModel } from '../../../../electron/api/procedures/map';
import { figureKeys, figureLabelKey, figureText, measureFigure } from './map-figures';
import { isDirection, neighbourOf, type Point } from './neighbour';

/**
 * Under the highlight (`mapStyle.highlight`), a wider line in the background colour: the
 * highlight then stands out on the darkest class colour as well as on the lightest.
 */
const highlightHalo = { color: mapStyle.background, width: mapStyle.highlight.width * 2.5 };

/** Pixels between the pointer (or the focused wilayah) and the tooltip. */
const TOOLTIP_GAP = 14;

interface Pointed {
  code: string;
  /** Where the tooltip points at, in pixels from the map's top-left corner. */
  x: number;
  y: number;
  /** Show the tooltip to the left / above the point (it is in the right / lower part of the map). */
  left: boolean;
  up: boolean;
}

function codeOf(target: EventTarget | null): string | null {
  return target instanceof Element ? (target.closest('[data-code]')?.getAttribute('data-code') ?? null) : null;
}

/** The first mainland wilayah: where the keyboard enters the map. */
function entryCode(model: MapModel): string | null {
  return (model.features.find((f) => !f.inInset) ?? model.features[0])?.code ?? null;
}

/** The legend, where the model puts it: what `renderMapSvg` draws, from the same style. */
function MapLegend({ model }: { model: MapModel }) {
  const style = mapStyle.legend;
  const rows = model.legend.map((entry) => ({ key: String(entry.classIndex), fill: entry.fill, label: entry.label }));
  if (model.features.some((f) => f.classIndex === null)) rows.push({ key: 'none', fill: model.noDataFill, label: model.noDataLabel });
  const top = style.titleSize + style.gap;
  return (
    <g transform={`translate(${model.legendAt.x} ${model.legendAt.y})`} role="list" aria-label={model.unit} data-testid="map-legend" pointerEvents="none">
      <text x={0} y={style.titleSize} fontSize={style.titleSize} fontWeight="bold" fill={style.color}>
        {model.unit}
      </text>
      {rows.map((row, i) => {
        const y = top + i * style.rowHeight;
        return (
          <g key={row.key} role="listitem" data-testid="map-legend-entry" data-fill={row.fill}>
            <rect x={0} y={y} width={style.swatchWidth} height={style.swatchHeight} fill={row.fill} stroke={mapStyle.inset.stroke} strokeWidth={0.5} />
            <text x={style.swatchWidth + style.gap} y={y + style.swatchHeight - 2} fontSize={style.labelSize} fill={style.color}>
              {row.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/**
 * Every wilayah as a link to its recap: one tab stop for the whole map (the `active` one), the
 * arrow keys move between them. Memoised: hovering repaints the highlight, not 267 paths.
 */
const FeatureLayer = memo(function FeatureLayer({
  model,
  active,
  hrefOf,
  labelOf,
  tooltipId,
}: {
  model: MapModel;
  active: string | null;
  hrefOf: (feature: MapFeature) => string;
  labelOf: (feature: MapFeature) => string;
  tooltipId: string;
}) {
  return (
    <>
      {model.features.map((feature) => {
        const fill = featureFill(model, feature);
        const stroke = featureStroke(model.level, feature, fill);
        return (
          <a
            key={feature.code}
            href={hrefOf(feature)}
            tabIndex={feature.code === active ? 0 : -1}
            aria-label={labelOf(feature)}
            aria-describedby={feature.code === active ? tooltipId : undefined}
            data-testid="map-feature"
            data-code={feature.code}
            data-class={feature.classIndex ?? ''}
            style={{ outline: 'none', cursor: 'pointer' }}
          >
            <path d={feature.d} fill={fill} stroke={stroke.color} strokeWidth={stroke.width} />
          </a>
        );
      })}
    </>
  );
});

/** Kecamatan and kota boundaries over the fills; memoised like the features. */
const OutlineLayer = memo(function OutlineLayer({ outlines }: { outlines: MapModel['outlines'] }) {
  return (
    <g fill="none" strokeLinejoin="round" strokeLinecap="round" pointerEvents="none">
      {outlineOrder.flatMap((level) =>
        outlines
          .filter((o) => o.level === level)
          .map((o) => <path key={`${level}-${o.code}`} d={o.d} stroke={mapStyle.outline[level].color} strokeWidth={mapStyle.outline[level].width} />),
      )}
    </g>
  );
});

/** `reveal`: scroll the tooltip into the window (it was opened by the keyboard, which may have left it below the fold). */
function MapTooltip({ model, feature, at, reveal, id, t }: { model: MapModel; feature: MapFeature; at: Pointed; reveal: boolean; id: string; t: MapTranslate }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (reveal) box.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [reveal, at.code]);
  const place = featureDescription(model, feature, t).place;
  const mapped = measureFigure[model.measure];
  const none = t('map.feature.none');
  return (
    <Paper
      ref={box}
      id={id}
      role="tooltip"
      shadow="md"
      withBorder
      p="sm"
      radius="md"
      maw={340}
      pos="absolute"
      style={{
        left: at.x,
        top: at.y,
        transform: `translate(${at.left ? `calc(-100% - ${TOOLTIP_GAP}px)` : `${TOOLTIP_GAP}px`}, ${at.up ? `calc(-100% - ${TOOLTIP_GAP}px)` : `${TOOLTIP_GAP}px`})`,
        pointerEvents: 'none',
        zIndex: 2,
      }}
      data-testid="map-tooltip"
      data-code={feature.code}
    >
      <Stack gap={6}>
        <Text fw={700} size="sm" data-testid="map-tooltip-place">
          {place}
        </Text>
        <Box component="dl" m={0} style={{ display: 'grid', gridTemplateColumns: 'auto auto', columnGap: 12, rowGap: 2 }}>
          {figureKeys.map((key) => {
            const isMapped = key === mapped;
            return (
              <Group key={key} display="contents" data-testid="map-tooltip-figure" data-figure={key}>
                <Text component="dt" size="xs" c={isMapped ? undefined : 'dimmed'} fw={isMapped ? 700 : 400}>
                  {isMapped && <ColorSwatch component="span" color={featureFill(model, feature)} size={10} mr={6} radius={2} display="inline-block" />}
                  {t(figureLabelKey[key])}
                </Text>
                <Text component="dd" m={0} size="xs" ta="right" fw={isMapped ? 700 : 400} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="map-tooltip-value">
                  {figureText(key, feature.figures, model.item, none)}
                </Text>
              </Group>
            );
          })}
        </Box>
        <Text size="xs" c="dimmed">
          {t('mapScreen.openRecap')}
        </Text>
      </Stack>
    </Paper>
  );
}

/**
 * The choropleth as React SVG, drawn from the map model with the shared style (what the static
 * SVG draws): fills, kecamatan and kota outlines, the Kepulauan Seribu inset, the legend. It fills
 * the width it is given, no taller than the window. Hover or keyboard focus shows a wilayah's
 * figures; a click or Enter opens `hrefOf(feature)`.
 */
export function ChoroplethMap({ model, hrefOf, stale }: { model: MapModel; hrefOf: (feature: MapFeature) => string; stale: boolean }) {
  const { t: translate } = useTranslation();
  const t: MapTranslate = useCallback((key, values) => translate(key, values ?? {}), [translate]);
  const frame = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const hintId = useId();
  const tooltipId = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  const [hovered, setHovered] = useState<Pointed | null>(null);
  const [focused, setFocused] = useState<Pointed | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const centres = useRef<{ model: MapModel; points: Map<string, Point> } | null>(null);

  const byCode = useMemo(() => new Map(model.features.map((f) => [f.code, f])), [model]);
  const active = chosen !== null && byCode.has(chosen) ? chosen : entryCode(model);
  const mapped = measureFigure[model.measure];

  const labelOf = useCallback(
    (feature: MapFeature) =>
      t('mapScreen.featureLabel', {
        place: featureDescription(model, feature, t).place,
        measure: t(`map.measure.${model.measure}`),
        value: figureText(mapped, feature.figures, model.item, t('mapScreen.noData')),
      }),
    [model, mapped, t],
  );

  /** A point in the map frame, with the side the tooltip goes to. */
  const pointAt = (code: string, clientX: number, clientY: number): Pointed | null => {
    const box = frame.current?.getBoundingClientRect();
    if (!box) return null;
    const x = clientX - box.left;
    const y = clientY - box.top;
    return { code, x, y, left: x > box.width * 0.55, up: y > box.height * 0.5 };
  };

  const onPointerMove = (event: PointerEvent<SVGGElement>) => {
    const code = codeOf(event.target);
    if (code === null) return setHovered(null);
    if (code !== hovered?.code) setDismissed(false);
    setHovered(pointAt(code, event.clientX, event.clientY));
  };

  const onFocus = (event: FocusEvent<SVGGElement>) => {
    const code = codeOf(event.target);
    if (code === null || !(event.target instanceof Element)) return;
    const box = event.target.getBoundingClientRect();
    setChosen(code);
    setDismissed(false);
    setFocused(pointAt(code, box.left + box.width / 2, box.top + box.height / 2));
  };

  /** Centres of the wilayah as drawn (SVG units), measured once per model for the arrow keys. */
  const centresOf = (svg: SVGSVGElement): Map<string, Point> => {
    if (centres.current?.model === model) return centres.current.points;
    const points = new Map<string, Point>();
    for (const element of svg.querySelectorAll<SVGGraphicsElement>('[data-testid="map-feature"]')) {
      const box = element.getBBox();
      const code = element.getAttribute('data-code');
      if (code !== null) points.set(code, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
    }
    centres.current = { model, points };
    return points;
  };

  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    if (event.key === 'Escape') {
      setDismissed(true);
      return;
    }
    const from = codeOf(event.target);
    const svg = event.currentTarget.ownerSVGElement;
    if (!isDirection(event.key) || from === null || !svg) return;
    event.preventDefault();
    const next = neighbourOf(centresOf(svg), from, event.key);
    if (next === null) return;
    setChosen(next);
    svg.querySelector<SVGElement>(`[data-testid="map-feature"][data-code="${next}"]`)?.focus();
  };

  const shown = dismissed ? null : (hovered ?? focused);
  const shownFeature = shown ? byCode.get(shown.code) : undefined;
  const highlighted = [...new Set([hovered?.code, focused?.code])].flatMap((code) => {
    const feature = code === undefined ? undefined : byCode.get(code);
    if (!feature) return [];
    // A kecamatan or kota is a union of kelurahan paths: its dissolved outline, not every seam inside it.
    return [{ code: feature.code, d: model.outlines.find((o) => o.code === feature.code)?.d ?? feature.d }];
  });
  const { inset, viewBox } = model;

  return (
    <Box
      ref={frame}
      pos="relative"
      style={{ opacity: stale ? 0.55 : 1, transition: 'opacity 120ms' }}
      aria-busy={stale}
      data-testid="map"
      data-measure={model.measure}
      data-level={model.level}
      data-stale={stale}
    >
      <svg
        viewBox={`0 0 ${viewBox.width} ${viewBox.height}`}
        width="100%"
        // As wide as the screen allows, as tall as the window: the legend and the inset stay in view.
        style={{ display: 'block', height: 'auto', maxHeight: 'calc(100dvh - 96px)' }}
        role="group"
        aria-labelledby={titleId}
        aria-describedby={hintId}
        fontFamily={mapStyle.fontFamily}
      >
        <title id={titleId}>{model.title}</title>
        <rect width={viewBox.width} height={viewBox.height} fill={mapStyle.background} />
        <rect x={inset.x} y={inset.y} width={inset.width} height={inset.height} fill={mapStyle.inset.fill} stroke={mapStyle.inset.stroke} strokeWidth={mapStyle.inset.strokeWidth} />
        <g
          strokeLinejoin="round"
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHovered(null)}
          onFocus={onFocus}
          onBlur={() => setFocused(null)}
          onKeyDown={onKeyDown}
        >
          <FeatureLayer model={model} active={active} hrefOf={hrefOf} labelOf={labelOf} tooltipId={tooltipId} />
        </g>
        <OutlineLayer outlines={model.outlines} />
        <g fill="none" strokeLinejoin="round" strokeLinecap="round" pointerEvents="none" data-testid="map-highlight">
          {highlighted.map((h) => (
            <g key={h.code} data-code={h.code}>
              <path d={h.d} stroke={highlightHalo.color} strokeWidth={highlightHalo.width} />
              <path d={h.d} stroke={mapStyle.highlight.color} strokeWidth={mapStyle.highlight.width} />
            </g>
          ))}
        </g>
        <text
          x={inset.x + mapStyle.inset.labelPad}
          y={inset.y + mapStyle.inset.labelPad + mapStyle.inset.labelSize}
          fontSize={mapStyle.inset.labelSize}
          fill={mapStyle.inset.labelColor}
          pointerEvents="none"
        >
          {inset.label}
        </text>
        <MapLegend model={model} />
      </svg>
      {shown && shownFeature && <MapTooltip model={model} feature={shownFeature} at={shown} reveal={shown === focused} id={tooltipId} t={t} />}
      <Text id={hintId} size="xs" c="dimmed" mt={4}>
        {t('mapScreen.keyboard')}
      </Text>
    </Box>
  );
}
