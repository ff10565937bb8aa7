import { createRouter, createWebHistory } from 'vue-router';
import IndicatorView from './views/IndicatorView.vue';
import NotFoundView from './views/NotFoundView.vue';
import PlansView from './views/PlansView.vue';
import PlanView from './views/PlanView.vue';
import TargetsView from './views/TargetsView.vue';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', redirect: '/targets' },
    { path: '/targets', name: 'targets', component: TargetsView },
    { path: '/plans', name: 'plans', component: PlansView },
    { path: '/plans/:code', name: 'plan', component: PlanView },
    { path: '/indicators/:code', name: 'indicator', component: IndicatorView },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFoundView },
  ],
  // A new page starts at the top, a new query (?asOf=) keeps the place; back returns to where one was.
  scrollBehavior: (to, from, saved) => saved ?? (to.path === from.path ? false : { top: 0 }),
});
