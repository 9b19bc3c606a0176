import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, LANGUAGES, type Language } from '../../i18n/i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('header.language')}
      value={i18n.resolvedLanguage ?? 'vi'}
      onChange={(value) => chooseLanguage(value as Language)}
      data={LANGUAGES.map((language) => ({ value: language, label: <span lang={language} aria-label={t(`header.languages.${language}`)}>{language.toUpperCase()}</span> }))}
    />
  );
}
