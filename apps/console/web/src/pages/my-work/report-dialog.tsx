import { Button, FileInput, Group, Modal, NumberInput, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { FieldProblem, placeProblem } from '../../components/form-problem';
import { EVIDENCE_TYPES, MAX_EVIDENCE_BYTES, uploadEvidence, useReportProgress, useSubmitTask, type EvidenceRef, type Task } from './task-query';
import { useMyWorkTexts } from './texts';

const INPUTS = ['percent', 'narrative', 'evidence', 'documentRef'] as const;
type Input = (typeof INPUTS)[number];
const MAX_TEXT = 4000;
const MAX_FILES = 50;
/** What the evidence route names when it refuses a file: it is the file input's concern. */
const UPLOAD_FIELDS = { 'Content-Type': 'evidence', '(body)': 'evidence', name: 'evidence' };

/**
 * A progress report (percent, what was done, evidence files, the document it produced) or the
 * result submitted as done. The files go first, each to the task's evidence route as it is; the
 * report then names them. A refused file is named beside the file input, in plain words.
 */
export function ReportDialog({ task, kind, onClose }: { task: Task; kind: 'progress' | 'submission'; onClose: () => void }) {
  const { t } = useMyWorkTexts();
  const [percent, setPercent] = useState<number | string>(Math.round(task.progress));
  const [narrative, setNarrative] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [documentRef, setDocumentRef] = useState('');
  const [invalid, setInvalid] = useState<Partial<Record<Input, string>>>({});
  // An input changed is no longer the one found wanting: its message goes until the next check.
  const settle = (name: Input) => setInvalid(({ [name]: _, ...rest }) => rest);
  const upload = useMutation({
    mutationFn: async (chosen: File[]) => {
      const refs: EvidenceRef[] = [];
      // One at a time: a report's files are few, and a refusal then names the file at fault.
      for (const file of chosen) refs.push(await uploadEvidence(task.id, file));
      return refs;
    },
  });
  // One key for this dialog's report: sending it again after a lost answer records it once.
  const [key] = useState(() => crypto.randomUUID());
  const progress = useReportProgress();
  const submission = useSubmitTask();
  const send = kind === 'progress' ? progress : submission;
  const uploadProblem = placeProblem(upload.error, t, ['evidence'], UPLOAD_FIELDS);
  const sendProblem = placeProblem(send.error, t, INPUTS);
  const rolledUp = task.subtasks.length > 0;

  const check = (): Partial<Record<Input, string>> => {
    const found: Partial<Record<Input, string>> = {};
    if (kind === 'progress' && (typeof percent !== 'number' || !Number.isInteger(percent) || percent < 0 || percent > 100)) found.percent = t('report.percentInvalid');
    if (narrative.trim() === '') found.narrative = t('report.narrativeRequired');
    else if (narrative.length > MAX_TEXT) found.narrative = t('report.tooLong', { max: MAX_TEXT });
    const wrong = files.find((f) => !(EVIDENCE_TYPES as readonly string[]).includes(f.type));
    const large = files.find((f) => f.size > MAX_EVIDENCE_BYTES);
    const empty = files.find((f) => f.size === 0);
    if (files.length > MAX_FILES) found.evidence = t('report.tooManyFiles', { max: MAX_FILES });
    else if (wrong) found.evidence = t('report.fileType', { name: wrong.name });
    else if (large) found.evidence = t('report.fileTooLarge', { name: large.name, mb: MAX_EVIDENCE_BYTES / 1024 / 1024 });
    else if (empty) found.evidence = t('report.fileEmpty', { name: empty.name });
    if (documentRef.length > 500) found.documentRef = t('report.tooLong', { max: 500 });
    return found;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    setInvalid(found);
    if (Object.keys(found).length > 0) return;
    send.reset();
    upload
      .mutateAsync(files)
      .then((refs) => {
        const common = { id: task.id, key, narrative: narrative.trim(), evidence: refs.map((r) => r.sha256), ...(documentRef.trim() && { documentRef: documentRef.trim() }) };
        if (kind === 'progress') progress.mutate({ ...common, percent: percent as number }, { onSuccess: onClose });
        else submission.mutate(common, { onSuccess: onClose });
      })
      .catch(() => undefined);
  };
  const errorOf = (name: Input) => (invalid[name] ? <FieldProblem message={invalid[name]} /> : (name === 'evidence' && uploadProblem.errorOf('evidence')) || sendProblem.errorOf(name));

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('actions.close') }} title={t(kind === 'progress' ? 'report.titleProgress' : 'report.titleSubmission')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{task.title}</Text>
          {kind === 'progress' && (
            <NumberInput
              label={t('report.percent')}
              description={rolledUp ? t('report.percentRolledUp') : undefined}
              value={percent}
              onChange={(value) => {
                setPercent(value);
                settle('percent');
              }}
              min={0}
              max={100}
              step={5}
              allowDecimal={false}
              suffix="%"
              required
              error={errorOf('percent')}
            />
          )}
          <Textarea
            label={t(kind === 'progress' ? 'report.narrative' : 'report.result')}
            value={narrative}
            onChange={(e) => {
              setNarrative(e.currentTarget.value);
              settle('narrative');
            }}
            autosize
            minRows={3}
            required
            error={errorOf('narrative')}
          />
          <FileInput
            label={t('report.evidence')}
            description={t('report.evidenceHint', { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 })}
            placeholder={t('report.evidencePlaceholder')}
            multiple
            clearable
            clearButtonProps={{ 'aria-label': t('report.clearFiles') }}
            accept={EVIDENCE_TYPES.join(',')}
            value={files}
            onChange={(chosen) => {
              setFiles(chosen);
              upload.reset();
              settle('evidence');
            }}
            error={errorOf('evidence')}
          />
          <TextInput label={t('report.documentRef')} description={t('report.documentRefHint')} value={documentRef} onChange={(e) => {
              setDocumentRef(e.currentTarget.value);
              settle('documentRef');
            }} error={errorOf('documentRef')} />
          {uploadProblem.unplaced && <ProblemAlert t={t} error={upload.error} title={t('report.uploadFailed')} />}
          {sendProblem.unplaced && <ProblemAlert t={t} error={send.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={upload.isPending || send.isPending}>
              {t(kind === 'progress' ? 'report.sendProgress' : 'report.sendSubmission')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
