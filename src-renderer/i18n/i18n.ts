import { create } from 'zustand';
import { z } from 'zod';
import type { RefusalParams } from '../../shared/errors';

/** zh-CN first (the desks' language), English second. Every string on screen comes from a table. */
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

type Value = string | ((...args: never[]) => string) | Record<string, string> | Record<string, RuleText>;
/** The text of one refusal rule (a domain's `errors` table), filled from the refusal's params. */
export type RuleText = string | ((p: RefusalParams) => string);
/** One table per domain: the English half must have exactly the Chinese half's keys and shapes. */
export type Table<Zh extends Record<string, Value>> = { 'zh-CN': Zh; en: { [K in keyof Zh]: Zh[K] } };

export function defineText<Zh extends Record<string, Value>>(table: Table<Zh>): Table<Zh> {
  return table;
}

const STORAGE_KEY = 'daoyi.locale';

function initialLocale(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return saved === 'en' ? 'en' : 'zh-CN';
}

/** Schema errors the renderer finds itself (checkWith) read in the desk's language: zod 4's own locales. */
function applyZodLocale(locale: Locale): Locale {
  z.config(locale === 'zh-CN' ? z.locales.zhCN() : z.locales.en());
  return locale;
}

export const useLocale = create<{ locale: Locale; setLocale(l: Locale): void }>((set) => ({
  locale: applyZodLocale(initialLocale()),
  setLocale(locale) {
    applyZodLocale(locale);
    localStorage.setItem(STORAGE_KEY, locale);
    document.documentElement.lang = locale;
    set({ locale });
  },
}));

export function useText<Zh extends Record<string, Value>>(table: Table<Zh>): Zh {
  const locale = useLocale((s) => s.locale);
  return table[locale] as Zh;
}
