import type zhCN from './zh-CN.js';

const en: typeof zhCN = {
  app: {
    name: 'Zhibiao',
    subtitle: 'Digital Shandong target monitor',
    language: '中文',
    languageSwitch: 'Switch language',
  },
  nav: { targets: 'Targets' },
  common: {
    loading: 'Loading…',
    retry: 'Retry',
    errorTitle: 'Could not load the data',
    notFoundTitle: 'Page not found',
    notFoundBack: 'Back to the targets',
  },
  plan: {
    choose: 'Plan',
    issuedOn: 'Issued: {date}',
    period: 'Period: {start} to {end}',
    targets: 'Quantitative targets: {n}',
    status: { draft: 'Draft', published: 'In progress', closed: 'Closed' },
    noPlans: 'No plans yet. Import one or load the seed data.',
  },
  targets: {
    title: 'Quantitative targets',
    code: 'Code',
    name: 'Target',
    target: 'Goal',
    deadline: 'Deadline',
    deadlineIs: 'Deadline: {date}',
    sourceIs: 'Source: ',
    supportIs: 'Support: ',
    lead: 'Lead',
    support: 'Support',
    frequency: 'Reporting',
    source: 'Source text',
    regions: 'broken down by {n} cities',
    provinceOnly: 'Province',
    aboutHint: '"About" target: met from {low}% of the value upward; exceeding it is fine',
    empty: 'This plan has no quantitative targets',
    frequencies: { monthly: 'Monthly', quarterly: 'Quarterly', annual: 'Annual' },
  },
  workload: {
    title: 'Targets led and supported per department',
    lead: 'Lead',
    support: 'Support',
  },
};

export default en;
