export * from './series.js';
export * from './figure-checks.js';
export * from './figure-rows.js';
export * from './figure-check.js';
