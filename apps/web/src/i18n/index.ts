import { createI18n } from 'vue-i18n';
import type { Language } from '@zhibiao/contracts';
import en from './en.js';
import zhCN from './zh-CN.js';

const STORAGE_KEY = 'zhibiao.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'zh-CN' ? stored : 'zh-CN';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLanguage(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});

/** The language the UI shows now; the API client sends it as Accept-Language. */
export function currentLanguage(): Language {
  return i18n.global.locale.value;
}

export function setLanguage(language: Language): void {
  i18n.global.locale.value = language;
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
}
