export * from './plan-extract.js';
export { departmentMatcher } from './plan-extract-departments.js';
