import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { components } from '../api/generated/intake';

export type Urgency = components['schemas']['Urgency'];

// The library's darkest orange is 4.3:1 on white and 4.1 on a striped row; a quarter darker passes 4.5:1.
const URGENT = 'color-mix(in srgb, var(--mantine-color-orange-9) 75%, black)';

/** Khẩn, Thượng khẩn, Hỏa tốc stand out; a normal document says Thường quietly. */
export function UrgencyMark({ urgency }: { urgency: Urgency }) {
  const { t } = useTranslation();
  return (
    <Text span size="sm" fw={urgency === 'normal' ? 400 : 700} c={urgency === 'normal' ? undefined : URGENT}>
      {t(`urgency.${urgency}`)}
    </Text>
  );
}
