import { Button, Group, Modal, PasswordInput, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert';
import { useDocumentAction, type DocumentAction, type DocumentView } from './document-queries';
import type { StepName } from './document-steps';

const PIN = /^\d{6,12}$/;
const MAX_TEXT = 4000;

/** What each step asks for besides the confirmation. */
const ASKS: Record<StepName, 'comment' | 'reason' | 'pin' | 'nothing'> = {
  submit: 'nothing',
  approve: 'comment',
  return: 'reason',
  reject: 'reason',
  recall: 'reason',
  sign: 'pin',
  issue: 'nothing',
};

/**
 * The confirmation of one step on a document: what it will do, the comment, reason or signing
 * PIN it needs (checked here in plain words before anything is sent), and the service's refusal
 * if there is one. The dialog keeps one Idempotency-Key while open, so a repeated press or a
 * retry cannot act twice.
 */
export function StepDialog({ doc, step, onClose, onDone }: { doc: DocumentView; step: StepName; onClose: () => void; onDone: (step: StepName) => void }) {
  const { t } = useTranslation('document');
  const action = useDocumentAction(doc.id);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [text, setText] = useState('');
  const [pin, setPin] = useState('');
  const [invalid, setInvalid] = useState<string>();
  const asks = ASKS[step];

  const validate = (): string | undefined => {
    if (asks === 'reason' && text.trim() === '') return t('validation.reasonRequired');
    if ((asks === 'reason' || asks === 'comment') && text.length > MAX_TEXT) return t('validation.textTooLong', { max: MAX_TEXT });
    if (asks === 'pin' && !PIN.test(pin)) return t('validation.pinFormat');
    return undefined;
  };

  const stepOf = (): DocumentAction => {
    if (step === 'approve') return { action: 'approve', ...(text.trim() && { comment: text.trim() }) };
    if (step === 'return' || step === 'reject' || step === 'recall') return { action: step, reason: text.trim() };
    // Bound to the content the signer has before them: a revision meanwhile makes the authorisation fail.
    if (step === 'sign') return { action: 'sign', pin, sha256: doc.content.sha256 };
    return { action: step };
  };

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    const problem = validate();
    setInvalid(problem);
    if (problem) return;
    action.mutate(
      { step: stepOf(), idempotencyKey },
      {
        onSuccess: () => onDone(step),
        // A refusal ends this attempt: what is sent next (a corrected PIN or reason) is a new request.
        onError: () => {
          setIdempotencyKey(crypto.randomUUID());
          if (step === 'sign') setPin('');
        },
      },
    );
  };

  const fieldLabel = asks === 'comment' ? t('dialog.comment') : t(`dialog.reason.${step}`, { defaultValue: t('dialog.reasonLabel') });
  return (
    <Modal opened onClose={onClose} title={t(`steps.${step}.title`)} size="lg" closeOnClickOutside={!action.isPending} closeButtonProps={{ 'aria-label': t('dialog.close') }}>
      <form onSubmit={confirm} noValidate>
        <Stack>
          <Text size="sm">{t(`steps.${step}.explain`)}</Text>
          <Text size="sm" fw={600}>
            {doc.subject}
          </Text>
          {(asks === 'comment' || asks === 'reason') && (
            <Textarea
              label={fieldLabel}
              required={asks === 'reason'}
              autosize
              minRows={3}
              maxRows={10}
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                setInvalid(undefined);
              }}
              error={invalid}
              data-autofocus
            />
          )}
          {asks === 'pin' && (
            <PasswordInput
              label={t('dialog.pin')}
              description={t('dialog.pinHelp')}
              required
              inputMode="numeric"
              autoComplete="off"
              maxLength={12}
              visibilityToggleButtonProps={{ 'aria-label': t('dialog.showPin') }}
              value={pin}
              onChange={(e) => {
                setPin(e.currentTarget.value.replace(/\D/g, ''));
                setInvalid(undefined);
              }}
              error={invalid}
              data-autofocus
            />
          )}
          {action.isError && <ProblemAlert error={action.error} ns="document" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={action.isPending}>
              {t('dialog.cancel')}
            </Button>
            <Button type="submit" color={step === 'reject' || step === 'recall' ? 'red.8' : undefined} loading={action.isPending}>
              {t(`steps.${step}.confirm`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
