export * from './time.js';
export * from './region.js';
