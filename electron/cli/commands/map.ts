import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { formatNumber } from '../../api/format';
import { type MapLevel, mapLevels, type MapMeasure, mapMeasures } from '../../api/procedures/map';
import type { RecapFilters } from '../../api/procedures/recaps';
import { renderMapPng } from '../../core/map/png';
import { renderMapSvg } from '../../core/map/svg';
import { stringOption, UsageError } from '../args';
import { dateOption, programId } from './recaps';
import { command, EXIT_OK } from './types';

/** `ksbb map --measure M [--program P] [--from D --to D] [--level L] --out FILE.svg|FILE.png`: the map screen's map as a file. */
export const mapCommands = {
  map: command({
    prepare: (cl) => {
      const measure = stringOption(cl, 'measure');
      const allowed = mapMeasures.join(', ');
      if (measure === undefined) throw new UsageError('map.cli.missingMeasure', { allowed }, cl.lang);
      if (!(mapMeasures as readonly string[]).includes(measure)) throw new UsageError('map.cli.badMeasure', { value: measure, allowed }, cl.lang);
      const level = stringOption(cl, 'level') ?? 'kelurahan';
      if (!(mapLevels as readonly string[]).includes(level)) throw new UsageError('map.cli.badLevel', { value: level }, cl.lang);
      const from = dateOption(cl, 'from');
      const to = dateOption(cl, 'to');
      if (from !== undefined && to !== undefined && from > to) throw new UsageError('recaps.cli.badPeriod', { from, to }, cl.lang);
      const out = stringOption(cl, 'out');
      if (out === undefined) throw new UsageError('map.cli.missingOut', {}, cl.lang);
      const ext = extname(out).toLowerCase();
      if (ext !== '.svg' && ext !== '.png') throw new UsageError('map.cli.badOut', { value: out }, cl.lang);
      return { measure: measure as MapMeasure, level: level as MapLevel, from, to, program: stringOption(cl, 'program'), out: resolve(out), png: ext === '.png' };
    },
    run: async ({ deps, cl, handlers, t, output, call }, plan) => {
      const filters: RecapFilters = { from: plan.from, to: plan.to, programId: programId(deps, cl, plan.program), channel: 'all' };
      const model = await handlers['map:model']({ measure: plan.measure, level: plan.level, filters }, call);
      const svg = renderMapSvg(model, { lang: cl.lang });
      const bytes = plan.png ? renderMapPng(svg) : Buffer.from(svg, 'utf8');
      writeFileSync(plan.out, bytes);
      output(
        {
          path: plan.out,
          format: plan.png ? 'png' : 'svg',
          bytes: bytes.length,
          measure: model.measure,
          level: model.level,
          title: model.title,
          item: model.item,
          features: model.features.length,
          legend: model.legend.map(({ label, fill, from, to, count }) => ({ label, fill, from, to, count })),
          noData: model.features.filter((f) => f.classIndex === null).length,
          totals: model.totals,
        },
        t('map.cli.written', { title: model.title, features: formatNumber(model.features.length), path: plan.out, bytes: formatNumber(bytes.length) }),
      );
      return EXIT_OK;
    },
  }),
};
