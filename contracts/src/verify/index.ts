export * from './replay.js';
export * from './summary.js';
export { compareDeclaration, rulesetProblem } from './checks.js';
export * from './redecide.js';
export * from './scrubber.js';
export * from './election-replay.js';
