import { agreementCommands } from './agreements';
import { foundationCommands } from './foundation';
import { partnerCommands } from './partners';
import type { CommandTable } from './types';

/** Every command of `ksbb`, one module per domain; the grammar is in `../args.ts`. */
export const commands: CommandTable = {
  ...foundationCommands,
  ...partnerCommands,
  ...agreementCommands,
};
