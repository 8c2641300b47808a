export * from './replay.js';
export * from './summary.js';
export { compareDeclaration, ruleProblem, type RuleProblem } from './checks.js';
