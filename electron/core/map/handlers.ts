import type { CoreDeps } from '../context';
import type { DomainHandlers } from '../handlers';
import { createRecapCache } from '../recaps/cache';
import { createMapGeometryLoader } from './geometry';
import { createMapFiguresMemo } from './measures';
import { assembleMapModel } from './model';
import { renderMapPng } from './png';
import { renderMapSvg } from './svg';

/** The map model and its drawing as a file; the projected boundaries are made once per core, on the first map asked for. */
export function mapHandlers(deps: CoreDeps): DomainHandlers<'map:model' | 'map:image'> {
  const geometry = createMapGeometryLoader(deps.paths.resourcesDir);
  const figures = createMapFiguresMemo(deps.db, createRecapCache());
  const model: DomainHandlers<'map:model'>['map:model'] = (input, ctx) =>
    assembleMapModel(geometry(), figures(input.filters, input.level, ctx), input, ctx.lang);
  return {
    'map:model': model,
    'map:image': async (input, ctx) => {
      const { format, ...modelInput } = input;
      const svg = renderMapSvg(await model(modelInput, ctx), { lang: ctx.lang });
      const bytes = format === 'png' ? renderMapPng(svg) : Buffer.from(svg, 'utf8');
      return { fileName: `peta-${input.measure}-${input.level}.${format}`, contentBase64: bytes.toString('base64') };
    },
  };
}
