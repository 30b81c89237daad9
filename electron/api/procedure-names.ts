/**
 * Every procedure of the contract by name. Kept free of imports so the sandboxed preload can
 * check names without bundling zod; `contract.ts` must define exactly these (the type checks it).
 */
export const procedureNames = ['app:info', 'dashboard:summary', 'region:children', 'settings:get', 'settings:set'] as const;

export type ProcedureName = (typeof procedureNames)[number];

export function isProcedureName(name: unknown): name is ProcedureName {
  return typeof name === 'string' && (procedureNames as readonly string[]).includes(name);
}
