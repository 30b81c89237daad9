import { agreementCommands } from './agreements';
import { foundationCommands } from './foundation';
import { importCommands } from './imports';
import { mapCommands } from './map';
import { partnerCommands } from './partners';
import { recapCommands } from './recaps';
import type { CommandTable } from './types';

/** Every command of `ksbb`, one module per domain; the grammar is in `../args.ts`. */
export const commands: CommandTable = {
  ...foundationCommands,
  ...partnerCommands,
  ...agreementCommands,
  ...recapCommands,
  ...mapCommands,
  ...importCommands,
};
