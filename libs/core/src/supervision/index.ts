export * from './notices.js';
export * from './completions.js';
