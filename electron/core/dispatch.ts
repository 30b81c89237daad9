import { z } from 'zod';
import { isProcedureName, procedures } from '../api/contract';
import { AppError, type Result } from '../api/errors';
import { translator } from '../api/i18n';
import { mayCall } from './auth/guard';
import type { CallContext } from './context';
import type { Handlers } from './handlers';

export interface DispatchLog {
  error(message: string, error: unknown): void;
}

/** Turns an error thrown by a service into the contract's error body, in the caller's language. */
export function toErrorResult(error: unknown, ctx: CallContext, log: DispatchLog): Result<never> {
  const t = translator(ctx.lang);
  if (error instanceof AppError) {
    return { ok: false, error: { code: error.code, message: t(`errors.${error.code}`, error.params), details: error.params } };
  }
  log.error('unexpected error in a procedure', error);
  const reason = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code: 'internal', message: t('errors.internal', { reason }) } };
}

/**
 * The single entry for every transport: checks the procedure name and the caller's role, parses
 * the input with its zod schema, runs the handler, and answers a Result. Nothing reaches a
 * service unparsed.
 */
export async function dispatch(
  handlers: Handlers,
  name: unknown,
  rawInput: unknown,
  ctx: CallContext,
  log: DispatchLog,
): Promise<Result<unknown>> {
  const t = translator(ctx.lang);
  if (!isProcedureName(name)) {
    return { ok: false, error: { code: 'unknown_procedure', message: t('errors.unknown_procedure', { name: String(name) }) } };
  }
  // A call the caller's role may not make is not parsed: the guarded handler (auth/guard.ts)
  // refuses it, naming the role needed, and records the attempt before it looks at any input.
  const parsed = mayCall(name, ctx) ? procedures[name].input.safeParse(rawInput ?? {}) : ({ success: true, data: undefined } as const);
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'invalid_input',
        message: t('errors.invalid_input', { issues: z.prettifyError(parsed.error) }),
        details: parsed.error.issues,
      },
    };
  }
  try {
    const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
    return { ok: true, value: await handler(parsed.data, ctx) };
  } catch (error) {
    return toErrorResult(error, ctx, log);
  }
}
