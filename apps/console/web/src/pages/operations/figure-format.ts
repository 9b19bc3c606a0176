import { useMemo } from 'react';
import { useOperationsTexts } from './texts';

const LOCALES: Record<string, string> = { vi: 'vi-VN', en: 'en-GB' };

export interface FigureFormat {
  count: (value: number) => string;
  /** Whole seconds as a person reads a processing time: 2 ngày 3 giờ, 4 giờ 10 phút, 35 giây. */
  duration: (seconds: number) => string;
  /** Requests per second, to two decimals. */
  rate: (perSecond: number) => string;
  /** A share (0..1) as a percentage. */
  percent: (share: number) => string;
}

/** How the operations centre writes its figures, in the language shown. */
export function useFigureFormat(): FigureFormat {
  const { t, i18n } = useOperationsTexts();
  const locale = LOCALES[i18n.language] ?? 'vi-VN';
  return useMemo(() => {
    const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const share = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    return {
      count: (value) => whole.format(value),
      duration: (seconds) => {
        if (seconds < 60) return t('duration.seconds', { count: seconds });
        const minutes = Math.floor(seconds / 60);
        if (minutes < 60) return t('duration.minutes', { count: minutes });
        const hours = Math.floor(minutes / 60);
        if (hours < 24) return t('duration.hoursMinutes', { hours, minutes: minutes % 60 });
        return t('duration.daysHours', { days: Math.floor(hours / 24), hours: hours % 24 });
      },
      rate: (perSecond) => decimal.format(perSecond),
      percent: (value) => share.format(value),
    };
  }, [t, locale]);
}
