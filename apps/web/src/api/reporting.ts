import { apiRoutes } from '@zhibiao/contracts';
import { call, type BodyOf, type QueryOf } from './client.js';

// The monthly reporting cycle (issue 17): the calendar, approval, reminders and pull sources.
const r = apiRoutes;

export const reportingApi = {
  getStatus: (query: QueryOf<'getReportingStatus'>) => call(r.getReportingStatus, { query }),
  getHistory: (query: QueryOf<'getReportingHistory'> = {}) =>
    call(r.getReportingHistory, { query }),
  setPlanApproval: (code: string, body: BodyOf<'setPlanApproval'>) =>
    call(r.setPlanApproval, { params: { code }, body }),
  listApprovals: (query: QueryOf<'listApprovals'>) => call(r.listApprovals, { query }),
  decideApproval: (body: BodyOf<'decideApproval'>) => call(r.decideApproval, { body }),
  listReminders: (query: QueryOf<'listReminders'> = {}) => call(r.listReminders, { query }),
  sendReminder: (body: BodyOf<'sendReminder'>) => call(r.sendReminder, { body }),
  listSources: (query: QueryOf<'listPullSources'> = {}) => call(r.listPullSources, { query }),
  createSource: (body: BodyOf<'createPullSource'>) => call(r.createPullSource, { body }),
  updateSource: (id: string, body: BodyOf<'updatePullSource'>) =>
    call(r.updatePullSource, { params: { id }, body }),
  deleteSource: (id: string) => call(r.deletePullSource, { params: { id } }),
  runSource: (id: string) => call(r.runPullSource, { params: { id }, body: {} }),
  listRuns: (id: string, limit = 20) => call(r.listPullRuns, { params: { id }, query: { limit } }),
};
