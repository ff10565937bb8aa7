export * from './progress.js';
export * from './opensdg.js';
