/**
 * Every procedure of the contract by name. Kept free of imports so the sandboxed preload can
 * check names without bundling zod; `contract.ts` must define exactly these (the type checks it).
 */
export const procedureNames = ['app:info', 'dashboard:summary', 'region:children', 'settings:get', 'settings:set', 'settings:set-secretariat', 'program:list', 'partner:list', 'partner:get', 'partner:create', 'partner:update', 'partner:archive', 'partner:duplicates', 'partner:merge', 'partner:unmerge', 'search:global', 'history:list', 'target:list', 'target:get', 'target:create', 'target:update', 'agency:list', 'agency:create', 'agency:update', 'agreement:list', 'agreement:get', 'agreement:create', 'agreement:update', 'document:attach', 'document:content', 'document:locate', 'document:verify', 'alert:list', 'pledge:create', 'distribution:create', 'fund-transfer:create', 'import:template', 'import:start', 'import:revise', 'import:status', 'import:rows', 'import:cancel', 'import:commit', 'import:rejected-workbook', 'import:batches', 'import:rollback', 'recap:program', 'recap:wilayah', 'recap:overlap', 'recap:unserved', 'recap:timeline', 'recap:rows', 'map:model', 'map:image', 'export:table', 'export:verify', 'report:festival', 'report:list', 'report:get', 'report:changes', 'report:file', 'backup:create', 'backup:list', 'backup:locate', 'check:run', 'auth:session', 'auth:setup-admin', 'auth:login', 'auth:logout', 'auth:change-password', 'auth:policy', 'auth:set-policy', 'user:list', 'user:create', 'user:disable', 'user:reset-password', 'audit:list', 'audit:export', 'audit:verify', 'distribution:list', 'distribution:verify', 'distribution:reject', 'distribution:evidence', 'distribution:history', 'distribution:update', 'distribution:correct', 'distribution:rejected-workbook', 'target:open', 'pledge:list', 'pledge:proposals', 'pledge:assign', 'pledge:unassign', 'sync:status', 'sync:run', 'sync:rejected', 'sync:conflicts', 'sync:resolve'] as const;

export type ProcedureName = (typeof procedureNames)[number];

export function isProcedureName(name: unknown): name is ProcedureName {
  return typeof name === 'string' && (procedureNames as readonly string[]).includes(name);
}
