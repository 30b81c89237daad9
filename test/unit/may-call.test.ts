import { describe, expect, it } from 'vitest';
import { access, mayCall, mayDo, type Requirement, type Role } from '../../electron/api/access';
import { procedureNames } from '../../electron/api/procedure-names';

/** Written out here, not derived from `rolesFor`, so a change to who may do what fails this test. */
const expected: Record<Role | 'nobody', Record<Requirement, boolean>> = {
  sekretariat: { public: true, 'signed-in': true, read: true, 'program-write': true, write: true },
  skpd: { public: true, 'signed-in': true, read: true, 'program-write': true, write: false },
  auditor: { public: true, 'signed-in': true, read: true, 'program-write': false, write: false },
  nobody: { public: true, 'signed-in': false, read: false, 'program-write': false, write: false },
};

const requirements = Object.keys(expected.sekretariat) as Requirement[];

describe('mayCall', () => {
  it('has procedures of every requirement to check', () => {
    for (const requirement of requirements) expect(procedureNames.some((name) => access[name] === requirement), requirement).toBe(true);
  });

  describe.each(Object.keys(expected) as (Role | 'nobody')[])('as %s', (who) => {
    it.each(requirements)('%s procedures', (requirement) => {
      const role = who === 'nobody' ? null : who;
      for (const name of procedureNames.filter((n) => access[n] === requirement)) {
        expect.soft(mayCall(role, name), name).toBe(expected[who][requirement]);
      }
    });
  });

  it('keeps auditors to reading, and the user and backup screens to the Sekretariat', () => {
    expect(mayCall('auditor', 'partner:list')).toBe(true);
    expect(mayCall('auditor', 'partner:create')).toBe(false);
    expect(mayCall('auditor', 'distribution:verify')).toBe(false);
    expect(mayCall('skpd', 'distribution:verify')).toBe(true);
    expect(mayCall('skpd', 'user:create')).toBe(false);
    expect(mayCall('skpd', 'backup:create')).toBe(false);
    expect(mayCall('sekretariat', 'user:create')).toBe(true);
  });

  it('leaves the secretariat level of verification and the four-eyes override to the Sekretariat', () => {
    for (const rule of ['verify-sekretariat', 'override-four-eyes'] as const) {
      expect([null, 'auditor', 'skpd', 'sekretariat'].map((role) => mayDo(role as Role | null, rule))).toEqual([false, false, false, true]);
    }
  });
});
