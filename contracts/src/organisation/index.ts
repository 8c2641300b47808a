export * from './commands.js';
export * from './events.js';
export * from './state.js';
export * from './decide.js';
export * from './parse-command.js';
export * from './ledger.js';
export * from './ledger-commands.js';
export { decideLedger } from './decide-ledger.js';
