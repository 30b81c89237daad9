import { agreementCommands } from './agreements';
import { authCommands } from './auth';
import { backupCommands } from './backup';
import { foundationCommands } from './foundation';
import { importCommands } from './imports';
import { mapCommands } from './map';
import { partnerCommands } from './partners';
import { recapCommands } from './recaps';
import { reportCommands } from './reports';
import { syncCommands } from './sync';
import { serverCommands } from './server';
import type { CommandTable } from './types';
import { verificationCommands } from './verification';

/** Every command of `ksbb`, one module per domain; the grammar is in `../args.ts`. */
export const commands: CommandTable = {
  ...foundationCommands,
  ...partnerCommands,
  ...agreementCommands,
  ...recapCommands,
  ...reportCommands,
  ...mapCommands,
  ...importCommands,
  ...verificationCommands,
  ...backupCommands,
  ...authCommands,
  ...syncCommands,
  ...serverCommands,
};
