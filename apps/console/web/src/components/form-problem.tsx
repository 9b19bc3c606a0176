import { Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { ApiProblem, describeProblem } from '../api/problem';

/**
 * Where a refused call's problem goes in a form: beside the input the service named (its `field`,
 * as the request spelt it, e.g. `deadline` or `subtasks.0.deadline`), in plain words with the
 * service's own detail under them; a problem that names no input of the form goes above its
 * buttons instead (`unplaced`). `aliases` maps the service's names to the form's where they differ
 * (an upload's `Content-Type` is the file input's concern).
 */
export function placeProblem(error: unknown, t: TFunction, inputs: readonly string[], aliases: Record<string, string> = {}) {
  const named = error instanceof ApiProblem && error.field ? (aliases[error.field] ?? error.field) : undefined;
  const input = named !== undefined && inputs.includes(named) ? named : undefined;
  const problem = input ? describeProblem(error, t) : undefined;
  return {
    errorOf: (name: string): ReactNode =>
      problem && name === input ? (
        <FieldProblem message={problem.message} {...(problem.detail !== undefined && { detail: problem.detail })} />
      ) : undefined,
    unplaced: error !== null && error !== undefined && input === undefined,
  };
}

/** A field's problem: red 9 keeps small text above 4.5:1 where the library's error red does not. */
export function FieldProblem({ message, detail }: { message: string; detail?: string }) {
  return (
    <Text span size="xs" c="red.9" display="block">
      {message}
      {detail && (
        <Text span size="xs" c="dimmed" display="block">
          {detail}
        </Text>
      )}
    </Text>
  );
}
