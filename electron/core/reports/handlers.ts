import type { CoreDeps } from '../context';
import type { DomainHandlers } from '../handlers';
import { createMapGeometryLoader } from '../map/geometry';
import type { HostServices } from './print';
import { festivalReportChanges, festivalReportFile, issueFestivalReport, listFestivalReports, openFestivalReport, type ReportDeps } from './service';

/** The Festival Kolaborasi report: issue, list, reopen and download (files travel as base64). */
export function reportHandlers(core: CoreDeps, host: HostServices): DomainHandlers<'report:festival' | 'report:list' | 'report:get' | 'report:changes' | 'report:file'> {
  const deps: ReportDeps = { core, host, geometry: createMapGeometryLoader(core.paths.resourcesDir) };
  return {
    'report:festival': (input, ctx) => issueFestivalReport(deps, input, ctx),
    'report:list': () => ({ reports: listFestivalReports(core) }),
    'report:get': (input) => openFestivalReport(deps, input.id),
    'report:changes': (input, ctx) => festivalReportChanges(core, input.id, ctx),
    'report:file': (input) => {
      const file = festivalReportFile(core, input.id, input.format);
      return { fileName: file.fileName, contentBase64: file.bytes.toString('base64'), sha256: file.sha256 };
    },
  };
}
