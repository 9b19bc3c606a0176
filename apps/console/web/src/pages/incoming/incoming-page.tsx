import { Alert, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { useCallback } from 'react';
import { Route, Routes, useParams } from 'react-router';
import { ClerkActions } from './copy-actions';
import { FieldProblem } from '../../components/form-problem';
import { CopyDetail } from './copy-detail';
import { IncomingTable } from './incoming-table';
import { RECIPIENT_STATUSES, type IncomingCopy } from './incoming-query';
import { useListView } from './list-view';
import { useIncomingTexts } from './texts';

const copyPath = (copy: IncomingCopy) => `/incoming/${encodeURIComponent(copy.id)}`;
const clerkActions = (copy: IncomingCopy) => <ClerkActions copy={copy} size="xs" />;

/**
 * Văn bản đến: the organisation's incoming copies, filtered by status and arrival day and paged
 * by the service. Arrival and registration are the system's (signatures verified, arrival number
 * given); the clerk assigns each copy to a handler with a deadline, or refuses it.
 */
function IncomingList() {
  const { t } = useIncomingTexts();
  const { view, valid, filter, onPagination } = useListView();
  const statusOptions = [{ value: '', label: t('filters.allStatuses') }, ...RECIPIENT_STATUSES.map((s) => ({ value: s, label: t(`recipientStatus.${s}`) }))];
  return (
    <Stack>
      <Title order={1}>{t('title')}</Title>
      <Alert color="blue" variant="outline" title={t('registration.title')}>
        {t('registration.body')}
      </Alert>
      <Group align="flex-end" role="search" aria-label={t('filters.label')}>
        <Select label={t('filters.status')} data={statusOptions} value={view.status ?? ''} onChange={(value) => filter({ status: value ?? undefined })} allowDeselect={false} w={200} />
        <TextInput type="date" label={t('filters.from')} value={view.from ?? ''} max={view.to} onChange={(e) => filter({ from: e.currentTarget.value })} />
        <TextInput
          type="date"
          label={t('filters.to')}
          value={view.to ?? ''}
          min={view.from}
          onChange={(e) => filter({ to: e.currentTarget.value })}
          error={valid ? undefined : <FieldProblem message={t('filters.periodInvalid')} />}
        />
      </Group>
      {valid && (
        <IncomingTable
          view={view}
          caption={t('list.caption')}
          empty={t('list.empty')}
          copyPath={copyPath}
          actions={clerkActions}
          onPagination={onPagination}
        />
      )}
    </Stack>
  );
}

function CopyPage() {
  const { t } = useIncomingTexts();
  const { id = '' } = useParams();
  const actions = useCallback((copy: IncomingCopy) => <ClerkActions copy={copy} />, []);
  return <CopyDetail id={id} back={{ to: '/incoming', label: t('detail.back') }} actions={actions} />;
}

export default function IncomingPage() {
  return (
    <Routes>
      <Route index element={<IncomingList />} />
      <Route path=":id" element={<CopyPage />} />
    </Routes>
  );
}
