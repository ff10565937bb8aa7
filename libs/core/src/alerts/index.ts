export * from './alerts.js';
export * from './alert-plan.js';
