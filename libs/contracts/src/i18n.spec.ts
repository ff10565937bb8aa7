import { describe, expect, it } from 'vitest';
import { fillTemplate, languageFromHeader } from './i18n.js';

describe(languageFromHeader.name, () => {
  it('defaults to Chinese', () => {
    expect(languageFromHeader(undefined)).toBe('zh-CN');
    expect(languageFromHeader('')).toBe('zh-CN');
    expect(languageFromHeader('fr-FR')).toBe('zh-CN');
  });

  it('follows the preferred of Chinese and English by quality', () => {
    expect(languageFromHeader('en-US,en;q=0.9')).toBe('en');
    expect(languageFromHeader('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(languageFromHeader('zh;q=0.5, en;q=0.8')).toBe('en');
    expect(languageFromHeader('fr, en;q=0.1')).toBe('en');
    expect(languageFromHeader('en;q=0')).toBe('zh-CN');
  });
});

describe(fillTemplate.name, () => {
  it('fills named placeholders and leaves unknown ones visible', () => {
    expect(fillTemplate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
