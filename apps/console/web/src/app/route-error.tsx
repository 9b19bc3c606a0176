import { Alert, Button, Container, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/** A page that failed to load or draw (a new release replaced its chunk, a bug): say so, offer a reload. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useTranslation();
  return (
    <Container component="main" size="sm" py="xl">
      <Stack>
        <Title order={1}>{t('app.error.title')}</Title>
        <Alert color="red" title={t('app.error.summary')}>
          {error instanceof Error ? error.message : String(error)}
        </Alert>
        <Button onClick={() => window.location.reload()} w="fit-content">
          {t('app.error.reload')}
        </Button>
      </Stack>
    </Container>
  );
}
