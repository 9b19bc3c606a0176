import { Anchor, Card, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { useOperationsTexts } from './texts';

/** One block of the centre: a titled section (a landmark of its own), its state while it loads or when it failed, then its charts and tables. */
export function FigureBlock({ id, title, note, loading, error, children }: { id: string; title: string; note?: ReactNode; loading?: boolean; error?: unknown; children?: ReactNode }) {
  const { t } = useOperationsTexts();
  return (
    <Card withBorder component="section" aria-labelledby={`${id}-title`} padding="md" data-block={id}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={`${id}-title`}>
          {title}
        </Title>
        {note && (
          <Text size="sm" c="dimmed">
            {note}
          </Text>
        )}
        {error ? <ProblemAlert error={error} /> : loading ? <Loader size="sm" aria-label={t('app.loading')} /> : children}
      </Stack>
    </Card>
  );
}

/** An organisation's name; a button that drills down to its own figures when it is not the one shown. */
export function OrgName({ code, name, shown, onDrill }: { code: string; name: string; shown: string; onDrill: (org: string) => void }) {
  const { t } = useOperationsTexts();
  if (code === shown) return <>{name}</>;
  return (
    <Anchor component="button" type="button" size="sm" fw={500} onClick={() => onDrill(code)} data-drill={code} title={t('drill.to', { name })}>
      {name}
    </Anchor>
  );
}
