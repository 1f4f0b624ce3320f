import { create } from 'zustand';

/** zh-CN first (the desks' language), English second. Every string on screen comes from a table. */
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

type Value = string | ((...args: never[]) => string) | Record<string, string>;
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

export const useLocale = create<{ locale: Locale; setLocale(l: Locale): void }>((set) => ({
  locale: initialLocale(),
  setLocale(locale) {
    localStorage.setItem(STORAGE_KEY, locale);
    document.documentElement.lang = locale;
    set({ locale });
  },
}));

export function useText<Zh extends Record<string, Value>>(table: Table<Zh>): Zh {
  const locale = useLocale((s) => s.locale);
  return table[locale] as Zh;
}
