import { eq, sql } from 'drizzle-orm';
import { setting } from '../../../db/schema';
import type { Output, ParsedInput } from '../../api/contract';
import { defaultLang, isLang } from '../../api/i18n';
import { inTransaction, journalWrite } from '../audit/journal';
import type { CallContext, CoreDeps } from '../context';

export function getSettings(deps: CoreDeps): Output<'settings:get'> {
  const row = deps.db.select().from(setting).where(eq(setting.key, 'language')).get();
  return { language: isLang(row?.value) ? row.value : defaultLang };
}

/** Local preferences: written with an audit entry, never synced (they belong to this installation). */
export function setSettings(deps: CoreDeps, input: ParsedInput<'settings:set'>, ctx: CallContext): Output<'settings:set'> {
  const { db } = deps;
  return inTransaction(db, () => {
    const before = getSettings(deps).language;
    if (before !== input.language) {
      db.insert(setting)
        .values({ key: 'language', value: input.language, updatedAt: deps.clock.now().toISOString() })
        .onConflictDoUpdate({ target: setting.key, set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` } })
        .run();
      journalWrite(deps, {
        actor: ctx.actor,
        action: 'update',
        tableName: 'setting',
        recordId: 'language',
        changes: { language: [before, input.language] },
      });
    }
    return { language: input.language };
  });
}
