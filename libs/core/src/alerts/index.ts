export * from './alerts.js';
