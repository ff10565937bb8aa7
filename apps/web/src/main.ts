import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n/index.js';
import { router } from './router.js';
import './styles.css';

const app = createApp(App).use(i18n).use(router);
// The first page is known (signed in or not) before anything is drawn: no header flashes on /login.
void router.isReady().then(() => app.mount('#app'));
