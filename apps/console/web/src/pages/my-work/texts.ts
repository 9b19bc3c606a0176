import { useTranslation } from 'react-i18next';

/**
 * My work's texts (i18n/vi.json, en.json), then the incoming area's (the copies it shares with
 * it), then the shell's: one lookup finds any.
 */
export function useMyWorkTexts() {
  return useTranslation(['my-work', 'incoming', 'translation'], { nsMode: 'fallback' });
}
