import { useTranslation } from 'react-i18next';

/**
 * The archive area's texts (i18n/vi.json, en.json), falling back to the shell's (document types,
 * secrecy, urgency, problems): one lookup finds either.
 */
export function useArchiveTexts() {
  return useTranslation(['archive', 'translation'], { nsMode: 'fallback' });
}
