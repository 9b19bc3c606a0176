import { FileInput, MultiSelect, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../auth/session-context';
import { useDirectory } from '../../api/directory';

/** The people of the organisation who review a draft before it is signed, in the order chosen. */
export function ApproversInput({ value, onChange, error, exclude }: { value: string[]; onChange: (value: string[]) => void; error?: string; exclude?: string | null }) {
  const { t } = useTranslation('drafting');
  const { principal } = useSignedIn();
  const directory = useDirectory();
  const data = directory.users
    .filter((u) => u.id !== principal.userId && u.id !== exclude)
    .map((u) => ({ value: u.id, label: `${u.fullName} — ${u.position}` }));
  return (
    <MultiSelect
      label={t('form.approvers')}
      description={t('form.approversHelp')}
      placeholder={value.length === 0 ? t('form.approversNone') : undefined}
      data={data}
      value={value}
      onChange={onChange}
      error={error}
      searchable
      openOnFocus={false}
      clearable
      nothingFoundMessage={t('form.nothingFound')}
    />
  );
}

/** The organisations it goes to: any but the person's own. */
export function RecipientsInput({ value, onChange, error }: { value: string[]; onChange: (value: string[]) => void; error?: string }) {
  const { t } = useTranslation('drafting');
  const { principal } = useSignedIn();
  const directory = useDirectory();
  const data = directory.organisations.filter((o) => o.code !== principal.org).map((o) => ({ value: o.code, label: o.name }));
  return (
    <MultiSelect
      label={t('form.recipients')}
      description={t('form.recipientsHelp')}
      data={data}
      value={value}
      onChange={onChange}
      error={error}
      required
      searchable
      openOnFocus={false}
      clearable
      nothingFoundMessage={t('form.nothingFound')}
    />
  );
}

export function DueDateInput({ value, onChange, error, min }: { value: string; onChange: (value: string) => void; error?: string; min: string }) {
  const { t } = useTranslation('drafting');
  return <TextInput type="date" label={t('form.dueDate')} description={t('form.dueDateHelp')} value={value} min={min} onChange={(e) => onChange(e.currentTarget.value)} error={error} />;
}

export function ContentInput({ value, onChange, error, required, label }: { value: File | null; onChange: (file: File | null) => void; error?: string; required: boolean; label: string }) {
  const { t } = useTranslation('drafting');
  return (
    <FileInput
      label={label}
      description={t('form.contentHelp')}
      placeholder={t('form.choosePdf')}
      accept="application/pdf,.pdf"
      value={value}
      onChange={onChange}
      error={error}
      required={required}
      clearable
      clearButtonProps={{ 'aria-label': t('form.clearFile') }}
    />
  );
}

export function AttachmentsInput({ value, onChange, error, label, description }: { value: File[]; onChange: (files: File[]) => void; error?: string; label: string; description: string }) {
  const { t } = useTranslation('drafting');
  return (
    <FileInput
      label={label}
      description={description}
      placeholder={t('form.chooseFiles')}
      multiple
      value={value}
      onChange={onChange}
      error={error}
      clearable
      clearButtonProps={{ 'aria-label': t('form.clearFiles') }}
    />
  );
}
