export * from './progress.js';
export { chineseQuantity } from './sentence.js';
export * from './milestones.js';
export * from './lights.js';
export * from './opensdg.js';
