import { Button, Group, Select, Stack, Tabs, Title } from '@mantine/core';
import type { PaginationState, Updater } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useSearchParams } from 'react-router';
import type { components } from '../../api/generated/intake';
import { useSignedIn } from '../../auth/session-context';
import { PAGE_SIZES, pageAfter } from '../../components/data-table';
import { DocumentList } from './document-list';
import { DraftForm } from './draft-form';
import { RevisionForm } from './revision-form';

type DocumentStatus = components['schemas']['DocumentStatus'];
const STATUSES: readonly DocumentStatus[] = ['draft', 'returned', 'registered', 'in_review', 'signing', 'issued', 'distributed', 'archived', 'rejected', 'recalled'];
type View = 'mine' | 'to-issue';

/** The list shown, its filter and page, from the address bar: a view can be bookmarked and shared. */
function readView(params: URLSearchParams, clerk: boolean) {
  const page = Number(params.get('page'));
  const size = Number(params.get('size'));
  return {
    view: (clerk && params.get('view') === 'to-issue' ? 'to-issue' : 'mine') as View,
    status: STATUSES.find((s) => s === params.get('status')),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: PAGE_SIZES.find((s) => s === size) ?? 20,
  };
}

/**
 * The person's own documents (what they drafted, by status, newest first) and, for a clerk, the
 * organisation's signed documents awaiting issue; each opens the document's page.
 */
function MyDocuments() {
  const { t } = useTranslation(['drafting', 'document']);
  const { principal } = useSignedIn();
  const clerk = principal.role === 'clerk';
  const [params, setParams] = useSearchParams();
  const { view, status, page, pageSize } = readView(params, clerk);

  const change = (values: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined || value === '') next.delete(name);
      else next.set(name, String(value));
    }
    setParams(next, { replace: true });
  };
  const onPagination = (updater: Updater<PaginationState>) => {
    change(pageAfter({ page, pageSize }, updater));
  };

  const mine = (
    <Stack>
      <Select
        label={t('list.statusFilter')}
        w={260}
        data={[{ value: '', label: t('list.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`, { ns: 'document' }) }))]}
        value={status ?? ''}
        onChange={(value) => change({ status: value ?? undefined, page: 1 })}
        allowDeselect={false}
      />
      <DocumentList
        query={{ createdBy: principal.userId, ...(status && { status }), page, pageSize }}
        caption={status ? t('list.captionMineStatus', { status: t(`status.${status}`, { ns: 'document' }) }) : t('list.captionMine')}
        empty={t('list.emptyMine')}
        onPagination={onPagination}
      />
    </Stack>
  );

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('title')}</Title>
        <Button component={Link} to="/drafting/new">
          {t('newDocument')}
        </Button>
      </Group>
      {clerk ? (
        <Tabs value={view} onChange={(value) => value && change({ view: value === 'mine' ? undefined : value, page: 1, status: undefined })} keepMounted={false}>
          <Tabs.List aria-label={t('title')}>
            <Tabs.Tab value="mine">{t('views.mine')}</Tabs.Tab>
            <Tabs.Tab value="to-issue">{t('views.toIssue')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="mine" pt="md">
            {mine}
          </Tabs.Panel>
          <Tabs.Panel value="to-issue" pt="md">
            <DocumentList
              query={{ status: 'signing', signed: true, page, pageSize }}
              caption={t('list.captionToIssue')}
              empty={t('list.emptyToIssue')}
              onPagination={onPagination}
              showAuthor
            />
          </Tabs.Panel>
        </Tabs>
      ) : (
        mine
      )}
    </Stack>
  );
}

/** Drafting (soạn thảo): one's documents, a new draft, the revision of a draft or a returned one. */
export default function DraftingPage() {
  return (
    <Routes>
      <Route index element={<MyDocuments />} />
      <Route path="new" element={<DraftForm />} />
      <Route path=":id/edit" element={<RevisionForm />} />
    </Routes>
  );
}
