export * from './workload.js';
export * from './progress.js';
export { formatAxisValue } from './axis.js';
