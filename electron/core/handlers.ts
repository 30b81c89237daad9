import { schemaVersion } from '../../db/connection';
import type { Output, ParsedInput, ProcedureName } from '../api/contract';
import { activityHandlers } from './activity/handlers';
import { agreementHandlers } from './agreements/handlers';
import { authHandlers } from './auth/handlers';
import { guardHandlers } from './auth/guard';
import { backupHandlers } from './backup/handlers';
import { importHandlers } from './imports/handlers';
import { exportHandlers } from './exports/handlers';
import { partnerHandlers } from './partners/handlers';
import { mapHandlers } from './map/handlers';
import { recapHandlers } from './recaps/handlers';
import { reportHandlers } from './reports/handlers';
import { syncHandlers } from './sync/handlers';
import type { HostServices } from './reports/print';
import { targetHandlers } from './targets/handlers';
import { verificationHandlers } from './verification/handlers';
import type { CallContext, CoreDeps } from './context';
import { getDashboardSummary } from './dashboard/service';
import { listPrograms } from './reference/programs';
import { listRegionChildren } from './regions/service';
import { getSettings, setSecretariatName, setSettings } from './settings/service';

export type Handler<K extends ProcedureName> = (input: ParsedInput<K>, ctx: CallContext) => Output<K> | Promise<Output<K>>;

/** The one handler table: every procedure of the contract, implemented once for every transport. */
export type Handlers = { [K in ProcedureName]: Handler<K> };

/** The handlers of one domain; `createHandlers` puts the domains together. */
export type DomainHandlers<K extends ProcedureName> = { [P in K]: Handler<P> };

function foundationHandlers(deps: CoreDeps): DomainHandlers<'app:info' | 'dashboard:summary' | 'region:children' | 'settings:get' | 'settings:set' | 'settings:set-secretariat' | 'program:list'> {
  return {
    'app:info': () => ({
      version: deps.appVersion,
      schemaVersion: schemaVersion(deps.db),
      databasePath: deps.paths.databasePath,
    }),
    'dashboard:summary': () => getDashboardSummary(deps.db),
    'region:children': (input) => listRegionChildren(deps.db, input.parentCode),
    'settings:get': () => getSettings(deps),
    'settings:set': (input, ctx) => setSettings(deps, input, ctx),
    'settings:set-secretariat': (input, ctx) => setSecretariatName(deps, input, ctx),
    'program:list': () => listPrograms(deps.db),
  };
}

/** Every procedure's handler, each checking the caller's role first (auth/guard.ts, api/access.ts). */
export function createHandlers(deps: CoreDeps, host: HostServices = {}): Handlers {
  return guardHandlers(deps, {
    ...foundationHandlers(deps),
    ...partnerHandlers(deps),
    ...targetHandlers(deps),
    ...agreementHandlers(deps),
    ...activityHandlers(deps),
    ...importHandlers(deps),
    ...recapHandlers(deps),
    ...mapHandlers(deps),
    ...exportHandlers(deps),
    ...verificationHandlers(deps),
    ...reportHandlers(deps, host),
    ...backupHandlers(deps),
    ...syncHandlers(deps),
    ...authHandlers(deps),
  });
}
