import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { agency, itemType, program, region } from '../../../db/schema';
import { regionCodeSchema } from '../../api/contract';
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
    let changed = 0;
    for (const a of files.programs.agencies) {
      changed += db
        .insert(agency)
        .values(a)
        .onConflictDoUpdate({
          target: agency.id,
          set: { name: sql`excluded.name`, shortName: sql`excluded.short_name` },
          setWhere: sql`agency.name IS NOT excluded.name OR agency.short_name IS NOT excluded.short_name`,
        })
        .run().changes;
    }
    files.programs.programs.forEach((p, sortOrder) => {
      changed += db
        .insert(program)
        .values({ id: p.id, name: p.name, agencyId: p.agencyId, sortOrder })
        .onConflictDoUpdate({
          target: program.id,
          set: { name: sql`excluded.name`, agencyId: sql`excluded.agency_id`, sortOrder: sql`excluded.sort_order` },
          setWhere: sql`program.name IS NOT excluded.name OR program.agency_id IS NOT excluded.agency_id OR program.sort_order IS NOT excluded.sort_order`,
        })
        .run().changes;
      for (const it of p.itemTypes) {
        changed += db
          .insert(itemType)
          .values({ ...it, programId: p.id })
          .onConflictDoUpdate({
            target: itemType.id,
            set: { name: sql`excluded.name`, unit: sql`excluded.unit`, measure: sql`excluded.measure` },
            setWhere: sql`item_type.name IS NOT excluded.name OR item_type.unit IS NOT excluded.unit OR item_type.measure IS NOT excluded.measure`,
          })
          .run().changes;
      }
    });
    for (const r of files.wilayah) {
      changed += db
        .insert(region)
        .values({ code: r.code, level: r.level, name: r.name, parentCode: r.parent_code || null })
        .onConflictDoUpdate({
          target: region.code,
          set: { name: sql`excluded.name`, level: sql`excluded.level`, parentCode: sql`excluded.parent_code` },
          setWhere: sql`region.name IS NOT excluded.name OR region.level IS NOT excluded.level OR region.parent_code IS NOT excluded.parent_code`,
        })
        .run().changes;
    }
    const counts = {
      regions: files.wilayah.length,
      programs: files.programs.programs.length,
      itemTypes: files.programs.programs.reduce((n, p) => n + p.itemTypes.length, 0),
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
