import { createRouter, createWebHistory } from 'vue-router';
import NotFoundView from './views/NotFoundView.vue';
import TargetsView from './views/TargetsView.vue';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', redirect: '/targets' },
    { path: '/targets', name: 'targets', component: TargetsView },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFoundView },
  ],
});
