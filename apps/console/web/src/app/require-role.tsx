import { Alert, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../auth/session-context';
import { isFor, type Area } from './navigation';

/** An area's pages, for the roles it is for; others are told, not shown a page of refusals. */
export function RequireRole({ area, children }: { area: Area; children: ReactNode }) {
  const { principal } = useSignedIn();
  const { t } = useTranslation();
  if (isFor(area, principal.role)) return children;
  return (
    <Stack>
      <Title order={1}>{t(`nav.${area.key}`)}</Title>
      <Alert color="yellow" title={t('app.notForRole.title')}>
        {t('app.notForRole.body', { role: t(`roles.${principal.role}`) })}
      </Alert>
    </Stack>
  );
}
