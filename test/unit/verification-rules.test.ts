import { describe, expect, it } from 'vitest';
import { verificationStatuses } from '../../db/schema/activity';
import { AppError } from '../../electron/api/errors';
import type { CallContext } from '../../electron/core/context';
import { fourEyes, isVerified, requireVerifier, statusAfterEdit, statusesAtLeast, transitionAllowed } from '../../electron/core/verification/rules';

const user = (role: 'sekretariat' | 'skpd' | 'auditor', programIds: string[] = []): CallContext => ({
  actor: `user:${role}`,
  lang: 'id',
  user: { id: role, username: role, displayName: role, role, agencyId: role === 'skpd' ? 'dkpkp' : null, programIds },
});

const codeOf = (work: () => unknown): string | null => {
  try {
    work();
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
};

describe('verification transitions', () => {
  it('moves forward one level at a time, rejects from any level, never back by an act', () => {
    const allowed = verificationStatuses.flatMap((from) => verificationStatuses.filter((to) => transitionAllowed(from, to)).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(
      [
        'dilaporkan→diverifikasi_wilayah',
        'dilaporkan→ditolak',
        'diverifikasi_wilayah→diverifikasi_sekretariat',
        'diverifikasi_wilayah→ditolak',
        'diverifikasi_sekretariat→ditolak',
      ].sort(),
    );
  });

  it('sends an edited verified row back to dilaporkan and refuses to edit a rejected one', () => {
    expect(statusAfterEdit('dilaporkan')).toBe('dilaporkan');
    expect(statusAfterEdit('diverifikasi_wilayah')).toBe('dilaporkan');
    expect(statusAfterEdit('diverifikasi_sekretariat')).toBe('dilaporkan');
    expect(codeOf(() => statusAfterEdit('ditolak'))).toBe('distribution_rejected_correct');
    expect(verificationStatuses.filter(isVerified)).toEqual(['diverifikasi_wilayah', 'diverifikasi_sekretariat']);
  });

  it('counts a recap level and every level above it', () => {
    expect(statusesAtLeast('dilaporkan')).toEqual(['dilaporkan', 'diverifikasi_wilayah', 'diverifikasi_sekretariat']);
    expect(statusesAtLeast('diverifikasi_wilayah')).toEqual(['diverifikasi_wilayah', 'diverifikasi_sekretariat']);
    expect(statusesAtLeast('diverifikasi_sekretariat')).toEqual(['diverifikasi_sekretariat']);
  });
});

describe('four-eyes and who may verify', () => {
  it('refuses own rows, lets only a Sekretariat account override them', () => {
    expect(fourEyes(user('skpd'), 0, false)).toBe(0);
    expect(codeOf(() => fourEyes(user('sekretariat'), 3, false))).toBe('verification_four_eyes');
    expect(fourEyes(user('sekretariat'), 3, true)).toBe(3);
    expect(codeOf(() => fourEyes(user('skpd', ['pangan']), 3, true))).toBe('role_required');
  });

  it('lets an SKPD officer verify at wilayah level for its own programs only, never at secretariat level', () => {
    expect(codeOf(() => requireVerifier(user('skpd', ['pangan']), 'diverifikasi_wilayah', ['pangan']))).toBeNull();
    expect(codeOf(() => requireVerifier(user('skpd', ['pangan']), 'diverifikasi_wilayah', ['pangan', 'pendidikan']))).toBe('program_out_of_scope');
    expect(codeOf(() => requireVerifier(user('skpd', ['pangan']), 'ditolak', ['pangan']))).toBeNull();
    expect(codeOf(() => requireVerifier(user('skpd', ['pangan']), 'diverifikasi_sekretariat', ['pangan']))).toBe('role_required');
    expect(codeOf(() => requireVerifier(user('sekretariat'), 'diverifikasi_sekretariat', ['pangan']))).toBeNull();
    expect(codeOf(() => requireVerifier(user('auditor'), 'diverifikasi_wilayah', ['pangan']))).toBe('role_required');
  });
});
