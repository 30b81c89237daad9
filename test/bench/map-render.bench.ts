// The map of 267 kelurahan: the model (figures joined to the projected paths, classes, legend) and
// its standalone SVG string, against a bare d3-geo geoPath over the same features joined into an
// SVG string — measured in the same run, best of five. Target: under 200 ms. Also on stderr: the
// first map of a core (reading, checking and projecting the boundaries, dissolving the kecamatan
// and kota outlines) and the whole `map:model` call with its recap over demo data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { geoIdentity, geoPath } from 'd3-geo';
import { createDemoData } from '../../electron/core/demo/generate';
import { projectMapGeometry, readKelurahanFeatures } from '../../electron/core/map/geometry';
import { mapFigures } from '../../electron/core/map/measures';
import { assembleMapModel } from '../../electron/core/map/model';
import { renderMapSvg } from '../../electron/core/map/svg';
import { openCore } from '../../electron/core/open';
import { best } from './timing';

const root = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'ksbb-bench-'));
const ctx = { actor: 'bench', lang: 'id' as const };
const input = { measure: 'realised' as const, level: 'kelurahan' as const, filters: { channel: 'all' as const } };


try {
  const resourcesDir = join(root, 'resources');
  const opened = openCore(
    { databasePath: join(dir, 'map.sqlite'), documentsDir: join(dir, 'documents'), migrationsDir: join(root, 'db', 'migrations'), resourcesDir },
    { appVersion: 'bench', actor: 'bench' },
  );
  createDemoData(opened.deps, 'bench', { seed: 1, partners: 200, pledges: 2000, distributions: 5000 });
  const { db } = opened.deps;
  const features = readKelurahanFeatures(resourcesDir);

  const firstMs = best(1, () => projectMapGeometry(features));
  const geometry = projectMapGeometry(features);
  const figures = mapFigures(db, input.filters, input.level, ctx);

  // The raw baseline: one projection fitted to every feature, a path per feature, one SVG string.
  const raw = () => {
    const collection = { type: 'FeatureCollection' as const, features };
    const path = geoPath(geoIdentity().reflectY(true).fitSize([800, 800], collection)).digits(1);
    return `<svg xmlns="http://www.w3.org/2000/svg">${features.map((f) => `<path d="${path(f.geometry) ?? ''}" fill="#a1dab4"/>`).join('')}</svg>`;
  };
  const render = () => renderMapSvg(assembleMapModel(geometry, figures, input, 'id'), { lang: 'id' });
  if (render().match(/<path d="[^"]+" fill="#[0-9a-f]{6}"[^>]*data-code=/g)?.length !== 267) throw new Error('the map SVG does not draw 267 kelurahan');

  const renderMs = best(5, render);
  const rawMs = best(5, raw);
  const callMs = best(3, () => renderMapSvg(assembleMapModel(geometry, mapFigures(db, input.filters, input.level, ctx), input, 'id'), { lang: 'id' }));
  opened.close();

  console.error(`map of 267 kelurahan (model + SVG): ${renderMs.toFixed(1)} ms vs bare geoPath ${rawMs.toFixed(1)} ms (target < 200 ms)`);
  console.error(`first map of a core (boundaries projected, outlines dissolved): +${firstMs.toFixed(0)} ms, once`);
  console.error(`map:model with its recap over 5.000 demo distributions, + SVG: ${callMs.toFixed(0)} ms`);
  console.log(`map-render: ${(renderMs / rawMs).toFixed(2)}`);
  console.log(`map-render-ms: ${renderMs.toFixed(0)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
