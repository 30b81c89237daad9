import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getTableColumns, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable, SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/connection';
import { z } from 'zod';
import { agency, itemType, program, region } from '../../../db/schema';
import { regionCodeSchema } from '../../api/schemas';
import { inTransaction, journalWrite } from '../audit/journal';
import type { CoreDeps } from '../context';

const wilayahRowSchema = z.object({
  code: regionCodeSchema,
  level: z.enum(['provinsi', 'kota', 'kecamatan', 'kelurahan']),
  name: z.string().trim().min(1),
  parent_code: z.union([regionCodeSchema, z.literal('')]),
});
export type WilayahRow = z.infer<typeof wilayahRowSchema>;

const WILAYAH_COLUMNS = ['code', 'level', 'name', 'parent_code'] as const;

/** Parses the Kemendagri wilayah CSV shipped in resources/; a bad line is named with its column. */
export function parseWilayahCsv(text: string): WilayahRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',');
  if (header.join(',') !== WILAYAH_COLUMNS.join(',')) {
    throw new Error(`wilayah-dki.csv line 1: expected header "${WILAYAH_COLUMNS.join(',')}", found "${lines[0]}"`);
  }
  const rows: WilayahRow[] = [];
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return;
    const cells = line.split(',');
    const lineNo = index + 2;
    if (cells.length !== WILAYAH_COLUMNS.length) {
      throw new Error(`wilayah-dki.csv line ${lineNo}: expected ${WILAYAH_COLUMNS.length} columns, found ${cells.length}`);
    }
    const parsed = wilayahRowSchema.safeParse(Object.fromEntries(WILAYAH_COLUMNS.map((c, i) => [c, cells[i]])));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`wilayah-dki.csv line ${lineNo}, column ${String(issue?.path[0])}: ${issue?.message}`);
    }
    rows.push(parsed.data);
  });
  return rows;
}

const itemTypeSchema = z.object({
  id: z.string().regex(/^[a-z]+\.[a-z0-9-]+$/),
  name: z.string().min(1),
  unit: z.string().min(1),
  measure: z.enum(['quantity', 'rupiah']),
});
const programsFileSchema = z.object({
  agencies: z.array(z.object({ id: z.string().min(1), name: z.string().min(1), shortName: z.string().min(1) })),
  programs: z.array(
    z.object({ id: z.string().min(1), name: z.string().min(1), agencyId: z.string().min(1), itemTypes: z.array(itemTypeSchema) }),
  ),
});
export type ProgramsFile = z.infer<typeof programsFileSchema>;

export function readReferenceFiles(resourcesDir: string): { wilayah: WilayahRow[]; programs: ProgramsFile } {
  const dir = join(resourcesDir, 'reference');
  return {
    wilayah: parseWilayahCsv(readFileSync(join(dir, 'wilayah-dki.csv'), 'utf8')),
    programs: programsFileSchema.parse(JSON.parse(readFileSync(join(dir, 'programs.json'), 'utf8'))),
  };
}

/**
 * Inserts rows, or updates the listed columns of rows that differ; answers how many rows were
 * added or changed (rows already equal are not touched).
 */
function upsertChanged<T extends SQLiteTable>(
  db: Db,
  table: T,
  key: SQLiteColumn,
  rows: T['$inferInsert'][],
  columnsToUpdate: (keyof T['$inferInsert'] & string)[],
): number {
  const columns = getTableColumns(table);
  const excluded = (name: string) => sql.raw(`excluded."${columns[name]?.name}"`);
  const set = Object.fromEntries(columnsToUpdate.map((name) => [name, excluded(name)])) as SQLiteUpdateSetSource<T>;
  const differs = sql.join(
    columnsToUpdate.map((name) => sql`${columns[name]} IS NOT ${excluded(name)}`),
    sql` OR `,
  );
  let changed = 0;
  for (const row of rows) {
    changed += db.insert(table).values(row).onConflictDoUpdate({ target: key, set, setWhere: differs }).run().changes;
  }
  return changed;
}

export interface ReferenceCounts {
  regions: number;
  programs: number;
  itemTypes: number;
  agencies: number;
  changed: number;
}

/**
 * Loads wilayah, SKPD, programs and item types. Idempotent: rows that are already there and equal
 * are left alone, so a second run changes nothing and writes no audit entry.
 */
export function loadReferenceData(deps: CoreDeps, actor: string): ReferenceCounts {
  const { db } = deps;
  const files = readReferenceFiles(deps.paths.resourcesDir);
  return inTransaction(db, () => {
    const programs = files.programs.programs;
    // SKPD are the secretariat's to rename (agency:update): the file only adds the ones missing.
    const agenciesAdded = files.programs.agencies.reduce(
      (n, row) => n + db.insert(agency).values(row).onConflictDoNothing().run().changes,
      0,
    );
    const changed =
      agenciesAdded +
      upsertChanged(
        db,
        program,
        program.id,
        programs.map((p, sortOrder) => ({ id: p.id, name: p.name, agencyId: p.agencyId, sortOrder })),
        ['name', 'agencyId', 'sortOrder'],
      ) +
      upsertChanged(
        db,
        itemType,
        itemType.id,
        programs.flatMap((p) => p.itemTypes.map((it) => ({ ...it, programId: p.id }))),
        ['name', 'unit', 'measure', 'programId'],
      ) +
      upsertChanged(
        db,
        region,
        region.code,
        files.wilayah.map((r) => ({ code: r.code, level: r.level, name: r.name, parentCode: r.parent_code || null })),
        ['name', 'level', 'parentCode'],
      );
    const counts = {
      regions: files.wilayah.length,
      programs: programs.length,
      itemTypes: programs.reduce((n, p) => n + p.itemTypes.length, 0),
      agencies: files.programs.agencies.length,
      changed,
    };
    if (changed > 0) {
      journalWrite(deps, {
        actor,
        action: 'reference_load',
        tableName: 'reference',
        recordId: 'wilayah-dki+programs',
        changes: counts,
      });
    }
    return counts;
  });
}
