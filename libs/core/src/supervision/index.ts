export * from './measure-report.js';
export * from './notices.js';
export * from './completions.js';
