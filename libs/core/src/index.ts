// The public surface of @zhibiao/core, one folder per family; apps and libs import only from here.
export * from './time/index.js';
export * from './targets/index.js';
export * from './figures/index.js';
export * from './forecast/index.js';
export * from './progress/index.js';
export * from './alerts/index.js';
export * from './plan-extract/index.js';
export * from './ledger/index.js';
export * from './supervision/index.js';
export * from './reporting/index.js';
