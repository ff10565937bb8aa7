import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import type { Role } from '@zhibiao/contracts';
import { setUnauthenticatedHandler } from './api/client.js';
import { forgetSession, hasRole, loadSession } from './composables/use-session.js';
import { redirectTarget } from './lib/redirect.js';
import AlertsView from './views/AlertsView.vue';
import AlertView from './views/AlertView.vue';
import IndicatorView from './views/IndicatorView.vue';
import IndicatorsView from './views/IndicatorsView.vue';
import LedgerView from './views/LedgerView.vue';
import LoginView from './views/LoginView.vue';
import MeasureView from './views/MeasureView.vue';
import MonthlyReportView from './views/MonthlyReportView.vue';
import NoAccessView from './views/NoAccessView.vue';
import NotFoundView from './views/NotFoundView.vue';
import NoticesView from './views/NoticesView.vue';
import NoticeView from './views/NoticeView.vue';
import PlanImportView from './views/PlanImportView.vue';
import PlansView from './views/PlansView.vue';
import PullSourcesView from './views/PullSourcesView.vue';
import PlanView from './views/PlanView.vue';
import ReportingBoardView from './views/ReportingBoardView.vue';
import ReportingCalendarView from './views/ReportingCalendarView.vue';
import ReportingView from './views/ReportingView.vue';
import ReviewsView from './views/ReviewsView.vue';
import UsersView from './views/UsersView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** Open without signing in (the login page). */
    public?: boolean;
    /** Shown without the app's header and navigation. */
    bare?: boolean;
    /** Open to a signed-in user without any role (everything else needs one). */
    anyone?: boolean;
    /** Only users with one of these roles see the page; others get a 403 page at the same URL. */
    roles?: readonly Role[];
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    // The start page: a reporter's own reporting calendar, the indicators for everyone else. The
    // session is loaded by the guard below before this runs.
    { path: '/', name: 'home', component: NotFoundView, beforeEnter: () => landingPage() },
    { path: '/login', name: 'login', component: LoginView, meta: { public: true, bare: true } },
    { path: '/indicators', name: 'indicators', component: IndicatorsView },
    // The list was called "targets" once: old links and bookmarks still land on it.
    { path: '/targets', redirect: (to) => ({ path: '/indicators', query: to.query }) },
    { path: '/plans', name: 'plans', component: PlansView },
    // Before /plans/:code, which would take "import" for a plan's code.
    {
      path: '/plans/import',
      name: 'plan-import',
      component: PlanImportView,
      meta: { roles: ['admin'] },
    },
    {
      path: '/plans/import/:id',
      name: 'plan-import-draft',
      component: PlanImportView,
      meta: { roles: ['admin'] },
    },
    { path: '/plans/:code', name: 'plan', component: PlanView },
    { path: '/indicators/:code', name: 'indicator', component: IndicatorView },
    {
      path: '/reporting',
      name: 'reporting',
      component: ReportingView,
      meta: { roles: ['admin', 'analyst', 'reporter'] },
    },
    // The monthly reporting cycle (issue 17): the bureau's board, a unit's calendar, pull sources.
    {
      path: '/reporting/board',
      name: 'reporting-board',
      component: ReportingBoardView,
      meta: { roles: ['admin', 'analyst', 'leader'] },
    },
    { path: '/reporting/calendar', name: 'reporting-calendar', component: ReportingCalendarView },
    {
      path: '/reporting/sources',
      name: 'reporting-sources',
      component: PullSourcesView,
      meta: { roles: ['admin', 'analyst'] },
    },
    { path: '/alerts', name: 'alerts', component: AlertsView },
    { path: '/alerts/:id', name: 'alert', component: AlertView },
    // The supervision of the plan's measures and node tasks (issue 16).
    { path: '/ledger', name: 'ledger', component: LedgerView },
    { path: '/measures/:code', name: 'measure', component: MeasureView },
    {
      path: '/reports',
      name: 'reports',
      component: MonthlyReportView,
      meta: { roles: ['admin', 'reporter'] },
    },
    {
      path: '/reviews',
      name: 'reviews',
      component: ReviewsView,
      meta: { roles: ['admin', 'analyst'] },
    },
    { path: '/notices', name: 'notices', component: NoticesView },
    { path: '/notices/:id', name: 'notice', component: NoticeView },
    { path: '/users', name: 'users', component: UsersView, meta: { roles: ['admin'] } },
    { path: '/no-access', name: 'no-access', component: NoAccessView, meta: { anyone: true } },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFoundView },
  ],
  // A new page starts at the top, a new query (?asOf=) keeps the place; back returns to where one was.
  // A link to a node task (#milestone-…) scrolls to it once the page has drawn it.
  scrollBehavior: (to, from, saved) =>
    saved ?? (to.hash ? { el: to.hash, top: 72 } : to.path === from.path ? false : { top: 0 }),
});

/** Where `/` leads: a reporter (and nobody of the bureau) to their reporting calendar. */
export function landingPage(): string {
  const bureau = hasRole('admin') || hasRole('analyst') || hasRole('leader');
  return hasRole('reporter') && !bureau ? '/reporting/calendar' : '/indicators';
}

/** Whether the signed-in user may see `route` (a page for some roles only). */
export function mayView(route: RouteLocationNormalized): boolean {
  const roles = route.meta.roles;
  return !roles || roles.some(hasRole);
}

// Every page but the login page needs a signed-in user; the login page skips itself when one is.
router.beforeEach(async (to) => {
  if (to.meta.public) {
    if (to.name !== 'login' || to.query.error) return true;
    const user = await loadSession().catch(() => null);
    return user ? redirectTarget(to.query.redirect) : true;
  }
  try {
    const user = await loadSession();
    if (!user) return { name: 'login', query: { redirect: to.fullPath } };
    if (user.roles.length === 0 && !to.meta.anyone) return { name: 'no-access' };
  } catch {
    // The API cannot be reached: the page itself says so and offers to retry.
  }
  return true;
});

// A session that ends while the app is open (expired, revoked, signed out elsewhere).
setUnauthenticatedHandler(() => {
  forgetSession();
  const here = router.currentRoute.value;
  if (here.meta.public) return;
  void router.replace({ name: 'login', query: { redirect: here.fullPath } });
});
