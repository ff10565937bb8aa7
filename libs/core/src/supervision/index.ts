export * from './measure-report.js';
