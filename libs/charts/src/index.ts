export * from './workload.js';
export * from './progress.js';
