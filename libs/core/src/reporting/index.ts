export * from './states.js';
export * from './approval.js';
export * from './calendar.js';
export * from './reminders.js';
