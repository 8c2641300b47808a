export * from './stage.js';
export * from './process-facts.js';
export * from './anomalies.js';
export * from './board-row.js';
export * from './district-board.js';
export * from './board-patch.js';
