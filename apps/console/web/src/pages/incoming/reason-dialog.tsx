import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { FieldProblem, placeProblem } from '../../components/form-problem';

/**
 * A dialog asking for one text, sent as the service names it (`reason`, `report`, `comment`, ...):
 * a refusal's reason, a handler's report. Required unless `optional`; the service's problem with
 * it shows beside it.
 */
export function TextDialog({
  t,
  title,
  summary,
  label,
  field,
  submitLabel,
  optional = false,
  danger = false,
  maxLength = 4000,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  /** The area's texts: its buttons, and its services' problems in its words. */
  t: TFunction;
  title: string;
  summary?: ReactNode;
  label: string;
  field: string;
  submitLabel: string;
  optional?: boolean;
  danger?: boolean;
  maxLength?: number;
  pending: boolean;
  error: unknown;
  onSubmit: (text: string) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const placed = placeProblem(error, t, [field]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    setEmpty(!optional && value === '');
    if (optional || value !== '') onSubmit(value);
  };
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('actions.close') }} title={title} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {summary && <Text size="sm">{summary}</Text>}
          <Textarea
            label={label}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setEmpty(false);
            }}
            required={!optional}
            autosize
            minRows={3}
            maxLength={maxLength}
            error={empty ? <FieldProblem message={t('form.required', { field: label.charAt(0).toLocaleLowerCase() + label.slice(1) })} /> : placed.errorOf(field)}
            data-autofocus
          />
          {placed.unplaced && <ProblemAlert t={t} error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" color={danger ? 'red.9' : undefined} loading={pending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
