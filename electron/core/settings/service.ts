import { eq, sql } from 'drizzle-orm';
import { setting } from '../../../db/schema';
import type { Output, ParsedInput } from '../../api/contract';
import { defaultLang, isLang } from '../../api/i18n';
import { inTransaction, journalWrite } from '../audit/journal';
import type { CallContext, CoreDeps } from '../context';

/** The cover of a report issued before anyone named the secretariat in Settings. */
export const DEFAULT_SECRETARIAT_NAME = 'Sekretariat Kolaborasi Sosial Berskala Besar (KSBB) Provinsi DKI Jakarta';

function stored(deps: CoreDeps, key: string): string | undefined {
  return deps.db.select().from(setting).where(eq(setting.key, key)).get()?.value;
}

export function getSettings(deps: CoreDeps): Output<'settings:get'> {
  const language = stored(deps, 'language');
  return { language: isLang(language) ? language : defaultLang, secretariatName: stored(deps, 'secretariat_name') ?? DEFAULT_SECRETARIAT_NAME };
}

/** Writes one local preference with its audit entry old → new; nothing when it is unchanged. */
function writeSetting(deps: CoreDeps, ctx: CallContext, key: string, field: string, before: string, after: string): void {
  if (before === after) return;
  deps.db
    .insert(setting)
    .values({ key, value: after, updatedAt: deps.clock.now().toISOString() })
    .onConflictDoUpdate({ target: setting.key, set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` } })
    .run();
  journalWrite(deps, { actor: ctx.actor, action: 'update', tableName: 'setting', recordId: key, changes: { [field]: [before, after] } });
}

/** Local preferences: written with an audit entry, never synced (they belong to this installation). */
export function setSettings(deps: CoreDeps, input: ParsedInput<'settings:set'>, ctx: CallContext): Output<'settings:set'> {
  return inTransaction(deps.db, () => {
    writeSetting(deps, ctx, 'language', 'language', getSettings(deps).language, input.language);
    return { language: input.language };
  });
}

export function setSecretariatName(deps: CoreDeps, input: ParsedInput<'settings:set-secretariat'>, ctx: CallContext): Output<'settings:set-secretariat'> {
  return inTransaction(deps.db, () => {
    writeSetting(deps, ctx, 'secretariat_name', 'secretariatName', getSettings(deps).secretariatName, input.secretariatName);
    return { secretariatName: input.secretariatName };
  });
}
