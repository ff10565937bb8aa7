export * from './states.js';
export * from './approval.js';
