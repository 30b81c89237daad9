import { asc, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import { itemType, program } from '../../../db/schema';
import type { Output } from '../../api/contract';

/** The programs in their fixed order, each with its item types still in use. */
export function listPrograms(db: Db): Output<'program:list'> {
  const items = db.select().from(itemType).where(isNull(itemType.archivedAt)).orderBy(asc(itemType.id)).all();
  return db
    .select()
    .from(program)
    .orderBy(asc(program.sortOrder))
    .all()
    .map((p) => ({
      id: p.id,
      name: p.name,
      agencyId: p.agencyId,
      itemTypes: items.filter((it) => it.programId === p.id).map(({ id, name, unit, measure }) => ({ id, name, unit, measure })),
    }));
}
