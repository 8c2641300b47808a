export * from './commands.js';
export * from './events.js';
export * from './state.js';
export * from './decide.js';
export * from './pipeline.js';
export * from './process-card.js';
export * from './view.js';
export * from './parse-command.js';
