import { useTranslation } from 'react-i18next';

/**
 * The incoming area's texts (i18n/vi.json, en.json), falling back to the shell's (statuses,
 * document types, problems): one lookup finds either.
 */
export function useIncomingTexts() {
  return useTranslation(['incoming', 'translation'], { nsMode: 'fallback' });
}
