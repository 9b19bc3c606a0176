import { Alert, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '../api/problem';

/** An area's namespace first, then the shell's for what the area does not say. */
const FALLBACK = { nsMode: 'fallback' } as const;

/**
 * A failed call in plain words: what went wrong, the field at fault, and the service's own detail.
 * `ns`: an area whose texts name its own reasons and fields (problems.reasons.*, fields.*), before
 * the shell's; or `t`, an area's own lookup that does the same.
 */
export function ProblemAlert({ error, title, ns, t: areaT }: { error: unknown; title?: string; ns?: string; t?: TFunction }) {
  const { t: shellT } = useTranslation(ns ? [ns, 'translation'] : undefined, FALLBACK);
  const t = areaT ?? shellT;
  const problem = describeProblem(error, t);
  return (
    <Alert color="red" title={title ?? t('problems.title')} role="alert">
      <Text size="sm">{problem.message}</Text>
      {problem.field && (
        <Text size="sm" mt={4}>
          {t('problems.field', { field: problem.field })}
        </Text>
      )}
      {problem.detail && (
        <Text size="xs" mt={4} c="dimmed">
          {t('problems.detail', { detail: problem.detail })}
        </Text>
      )}
    </Alert>
  );
}
