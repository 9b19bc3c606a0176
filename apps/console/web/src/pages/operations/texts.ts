import { useTranslation } from 'react-i18next';

/**
 * The operations centre's texts (i18n/vi.json, en.json), falling back to the shell's (document
 * types, problems): one lookup finds either.
 */
export function useOperationsTexts() {
  return useTranslation(['operations', 'translation'], { nsMode: 'fallback' });
}
