import type { VerificationStatus } from '../../../db/schema/activity';
import { AppError } from '../../api/errors';
import { roleRules } from '../../api/access';
import type { VerificationLevel } from '../../api/procedures/verification';
import { requireProgramScope, requireRole } from '../auth/scope';
import type { CallContext } from '../context';

/**
 * The rules of layered verification, in one place (issue 10). A distribution is reported
 * (`dilaporkan`), confirmed for its wilayah by the SKPD pengampu or the kelurahan
 * (`diverifikasi_wilayah`), then by the secretariat (`diverifikasi_sekretariat`, final) — one level
 * at a time — or rejected (`ditolak`) with a reason at any level. A rejected row is never edited:
 * its correction is a new row linked to it, reported again. Editing a verified row sends it back
 * to `dilaporkan`. Nobody verifies a row they reported or imported (four-eyes), except a
 * Sekretariat account with an explicit override, recorded on the act and in the audit log.
 */

/** The status a level moves a row to, and the one it must be at before. */
export const levelStatus: Record<VerificationLevel, VerificationStatus> = {
  wilayah: 'diverifikasi_wilayah',
  sekretariat: 'diverifikasi_sekretariat',
};
export const statusBeforeLevel: Record<VerificationLevel, VerificationStatus> = {
  wilayah: 'dilaporkan',
  sekretariat: 'diverifikasi_wilayah',
};

/** Counted statuses in order: a recap "at least at this level" takes a status and the ones after it. */
const countedOrder = ['dilaporkan', 'diverifikasi_wilayah', 'diverifikasi_sekretariat'] as const satisfies readonly VerificationStatus[];
export type CountedStatus = (typeof countedOrder)[number];

/** The statuses that are at least `level`: `dilaporkan` → every counted status. */
export function statusesAtLeast(level: CountedStatus): CountedStatus[] {
  return countedOrder.slice(countedOrder.indexOf(level));
}

/** A status as a message key, for errors that name it in the reader's language (`messageList`). */
export const statusKey = (status: VerificationStatus): string => `recaps.verificationStatus.${status}`;

export function isVerified(status: VerificationStatus): boolean {
  return status === 'diverifikasi_wilayah' || status === 'diverifikasi_sekretariat';
}

/** Whether a verification act may move a row from `from` to `to`. */
export function transitionAllowed(from: VerificationStatus, to: VerificationStatus): boolean {
  if (to === 'ditolak') return from !== 'ditolak';
  if (to === 'diverifikasi_wilayah') return from === 'dilaporkan';
  if (to === 'diverifikasi_sekretariat') return from === 'diverifikasi_wilayah';
  // Back to `dilaporkan` only by an edit (statusAfterEdit) or as a new, corrected row.
  return false;
}

/** The status of a row after a person changed it: a verified row is reported again. */
export function statusAfterEdit(status: VerificationStatus): VerificationStatus {
  if (status === 'ditolak') throw new AppError('distribution_rejected_correct', {});
  return isVerified(status) ? 'dilaporkan' : status;
}

/**
 * Who may move rows of these programs to `to`: the secretariat level only a Sekretariat account;
 * the wilayah level, rejection and an edit (back to `dilaporkan`) also an SKPD account, for its
 * own programs only.
 */
export function requireVerifier(ctx: CallContext, to: VerificationStatus, programIds: Iterable<string>): void {
  if (to === 'diverifikasi_sekretariat') requireRole(ctx, 'distribution:verify', ...roleRules['verify-sekretariat']);
  else requireProgramScope(ctx, programIds, to === 'ditolak' ? 'distribution:reject' : to === 'dilaporkan' ? 'distribution:update' : 'distribution:verify');
}

/**
 * Four-eyes: `ownRows` of the selection were reported or imported by the caller. Refused, unless
 * the caller is a Sekretariat account asking for the override; answers how many rows it covered.
 */
export function fourEyes(ctx: CallContext, ownRows: number, override: boolean): number {
  if (ownRows === 0) return 0;
  if (!override) throw new AppError('verification_four_eyes', { rows: ownRows, actor: ctx.actor });
  requireRole(ctx, 'distribution:verify --override', ...roleRules['override-four-eyes']);
  return ownRows;
}
