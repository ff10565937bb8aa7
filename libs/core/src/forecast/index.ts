export * from './linear-trend.js';
export * from './holt.js';
export * from './projection.js';
export * from './probability.js';
