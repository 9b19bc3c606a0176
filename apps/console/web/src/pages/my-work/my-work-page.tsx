import { Stack, Tabs, Title } from '@mantine/core';
import { useCallback } from 'react';
import { Route, Routes, useParams, useSearchParams } from 'react-router';
import { HandlerActions } from '../incoming/copy-actions';
import { CopyDetail } from '../incoming/copy-detail';
import type { IncomingCopy } from '../incoming/incoming-query';
import { MyCopies } from './my-copies';
import { TaskList } from './task-list';
import { TaskPage } from './task-page';
import { useMyWorkTexts } from './texts';

const TABS = ['copies', 'tasks'] as const;

/**
 * Việc của tôi: the incoming documents assigned to me to handle, and the implementation tasks of
 * my organisation (those it leads first), each a tab; the tab is in the address bar.
 */
function MyWork() {
  const { t } = useMyWorkTexts();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((k) => k === params.get('tab')) ?? 'copies';
  return (
    <Stack>
      <Title order={1}>{t('title')}</Title>
      <Tabs value={tab} onChange={(value) => value && setParams(new URLSearchParams({ tab: value }), { replace: true })} keepMounted={false}>
        <Tabs.List aria-label={t('title')}>
          {TABS.map((k) => (
            <Tabs.Tab key={k} value={k}>
              {t(`tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="copies" pt="md">
          <MyCopies />
        </Tabs.Panel>
        <Tabs.Panel value="tasks" pt="md">
          <TaskList />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function MyCopy() {
  const { t } = useMyWorkTexts();
  const { id = '' } = useParams();
  const actions = useCallback((copy: IncomingCopy) => <HandlerActions copy={copy} />, []);
  return <CopyDetail id={id} back={{ to: '/my-work', label: t('copies.back') }} actions={actions} />;
}

export default function MyWorkPage() {
  return (
    <Routes>
      <Route index element={<MyWork />} />
      <Route path="incoming/:id" element={<MyCopy />} />
      <Route path="tasks/:id" element={<TaskPage />} />
    </Routes>
  );
}
