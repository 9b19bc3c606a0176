import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import vi from './vi.json';

/**
 * Vietnamese is the console's language; English is offered beside it. The shell's texts are in
 * vi.json and en.json; each area keeps its own beside its pages (pages/<area>/i18n/vi.json, en.json),
 * loaded here as a namespace named after the folder, so areas are added without editing this file.
 */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORED = 'vanthu.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORED);
  return LANGUAGES.find((l) => l === stored) ?? 'vi';
}

export function chooseLanguage(language: Language): void {
  localStorage.setItem(STORED, language);
  void i18n.changeLanguage(language);
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

const areaTexts = import.meta.glob<{ default: Record<string, unknown> }>('../pages/*/i18n/*.json', { eager: true });

function resourcesOf(language: Language, shell: Record<string, unknown>) {
  const namespaces: Record<string, Record<string, unknown>> = { translation: shell };
  for (const [file, texts] of Object.entries(areaTexts)) {
    const match = /pages\/([^/]+)\/i18n\/(\w+)\.json$/.exec(file);
    if (match?.[2] === language) namespaces[match[1]!] = texts.default;
  }
  return namespaces;
}

void i18n.use(initReactI18next).init({
  resources: { vi: resourcesOf('vi', vi), en: resourcesOf('en', en) },
  lng: initialLanguage(),
  fallbackLng: 'vi',
  supportedLngs: LANGUAGES,
  // React escapes what it renders.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
