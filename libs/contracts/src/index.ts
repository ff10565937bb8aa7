export * from './i18n.js';
export * from './errors.js';
export * from './validation.js';
export * from './route.js';
export * from './health.js';
export * from './catalog.js';
export * from './catalog-admin.js';
export * from './routes.js';
