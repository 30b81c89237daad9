import { writeFileSync } from 'node:fs';
import type { TFunction } from 'i18next';
import { extname, resolve } from 'node:path';
import { formatNumber } from '../../api/format';
import { authProcedures, userRoleValues } from '../../api/procedures/auth';
import { exportAudit } from '../../core/audit/export';
import { verifyAudit } from '../../core/audit/trail';
import { createUser, disableUser, listUsers, resetPassword, userIdOf } from '../../core/auth/service';
import { type ParsedCommandLine, stringOption, UsageError } from '../args';
import { dateOption } from './recaps';
import { type CliIo, command, EXIT_OK, EXIT_PROBLEMS } from './types';
import { readSecretFromTerminal } from '../secret';

const usernameSchema = authProcedures['user:create'].input.shape.username;

function usernameOf(cl: ParsedCommandLine): string {
  const given = cl.positionals[0] as string;
  const parsed = usernameSchema.safeParse(given);
  if (!parsed.success) throw new UsageError('auth.cli.badUsername', { value: given }, cl.lang);
  return parsed.data;
}

/** A new password: KSBB_NEW_PASSWORD, else typed twice at the prompt (no echo). */
async function newPassword(cl: ParsedCommandLine, io: CliIo, t: TFunction, username: string): Promise<string> {
  const given = io.env.KSBB_NEW_PASSWORD;
  if (given !== undefined) return given;
  const ask = io.readSecret ?? ((prompt: string) => readSecretFromTerminal(prompt, io.stderr));
  const first = await ask(t('auth.cli.newPasswordPrompt', { username }));
  if (first === null) throw new UsageError('auth.cli.passwordNeeded', { variable: 'KSBB_NEW_PASSWORD' }, cl.lang);
  if ((await ask(t('auth.cli.newPasswordAgain'))) !== first) throw new UsageError('auth.cli.passwordMismatch', {}, cl.lang);
  return first;
}

/** `ksbb user …` (accounts) and `ksbb audit …` (the audit trail's chain check and export). */
export const authCommands = {
  'user add': command({
    prepare: (cl) => {
      const role = stringOption(cl, 'role');
      if (role === undefined) throw new UsageError('auth.cli.missingRole', {}, cl.lang);
      const known = userRoleValues.find((r) => r === role);
      if (known === undefined) throw new UsageError('auth.cli.badRole', { value: role }, cl.lang);
      const username = usernameOf(cl);
      return { username, role: known, agencyId: stringOption(cl, 'agency') ?? null, displayName: stringOption(cl, 'display-name') ?? username };
    },
    run: async ({ deps, cl, io, t, output, call }, plan) => {
      const password = await newPassword(cl, io, t, plan.username);
      const created = createUser(deps, { ...plan, password }, call);
      output(created, t('auth.cli.userAdded', { username: created.username, role: t(`auth.role.${created.role}`) }));
      return EXIT_OK;
    },
  }),
  'user list': command({
    prepare: () => ({}),
    run: ({ deps, t, output }) => {
      const users = listUsers(deps);
      const status = (u: (typeof users)[number]) =>
        u.disabledAt ? t('auth.users.disabled', { date: u.disabledAt }) : u.lockedUntil ? t('auth.users.locked', { date: u.lockedUntil }) : t('auth.users.active');
      const lines = users.map((u) =>
        t('auth.cli.userLine', { username: u.username, role: t(`auth.role.${u.role}`), agency: u.agencyName ?? '–', status: status(u), displayName: u.displayName }),
      );
      output(users, lines.length === 0 ? t('auth.cli.userNone') : lines.join('\n'));
      return EXIT_OK;
    },
  }),
  'user disable': command({
    prepare: (cl) => ({ username: usernameOf(cl) }),
    run: ({ deps, t, output, call }, plan) => {
      const disabled = disableUser(deps, userIdOf(deps, plan.username), call);
      output(disabled, t('auth.cli.userDisabled', { username: disabled.username }));
      return EXIT_OK;
    },
  }),
  'user password': command({
    prepare: (cl) => ({ username: usernameOf(cl) }),
    run: async ({ deps, cl, io, t, output, call }, plan) => {
      const id = userIdOf(deps, plan.username);
      const updated = resetPassword(deps, id, await newPassword(cl, io, t, plan.username), call);
      output(updated, t('auth.cli.passwordSet', { username: updated.username }));
      return EXIT_OK;
    },
  }),
  'audit verify': command({
    prepare: () => ({}),
    run: ({ deps, t, output }) => {
      const result = verifyAudit(deps);
      const entries = formatNumber(result.entries);
      if (result.firstBreak === null) {
        output(result, t('auth.cli.intact', { entries }));
        return EXIT_OK;
      }
      output(result, t('auth.cli.broken', { seq: result.firstBreak.seq, kind: t(`auth.audit.kind.${result.firstBreak.kind}`), entries }));
      return EXIT_PROBLEMS;
    },
  }),
  'audit export': command({
    prepare: (cl) => {
      const out = stringOption(cl, 'out');
      if (out === undefined || extname(out).toLowerCase() !== '.xlsx') throw new UsageError('auth.cli.missingOut', {}, cl.lang);
      const from = dateOption(cl, 'from');
      const to = dateOption(cl, 'to');
      if (from !== undefined && to !== undefined && from > to) throw new UsageError('recaps.cli.badPeriod', { from, to }, cl.lang);
      const filters = { actor: stringOption(cl, 'actor'), tableName: stringOption(cl, 'table'), recordId: stringOption(cl, 'record'), from, to };
      return { out: resolve(out), filters };
    },
    run: ({ deps, t, output, call }, plan) => {
      const file = exportAudit(deps, { filters: plan.filters }, call);
      writeFileSync(plan.out, file.bytes);
      output({ path: plan.out, rows: file.rows, sha256: file.sha256 }, t('auth.cli.exported', { rows: formatNumber(file.rows), path: plan.out, sha256: file.sha256 }));
      return EXIT_OK;
    },
  }),
};
