import { Button, Group, Stack, Tabs, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { PaginationState, Updater } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PAGE_SIZES, pageAfter } from '../../components/data-table';
import { ProblemAlert } from '../../components/problem-alert';
import { vietnamToday } from '../../i18n/vietnam-time';
import { IncomingRegister } from './incoming-register';
import { OutgoingRegister } from './outgoing-register';
import { downloadRegisterCsv, type RegisterKind, type RegisterView } from './register-query';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const KINDS: readonly RegisterKind[] = ['outgoing', 'incoming'];

/** The register shown, its period and page, from the address bar: a view can be bookmarked and shared. */
function readView(params: URLSearchParams): { kind: RegisterKind; view: RegisterView } {
  const today = vietnamToday();
  const day = (name: string, fallback: string) => {
    const value = params.get(name);
    return value && DAY.test(value) ? value : fallback;
  };
  const page = Number(params.get('page'));
  const size = Number(params.get('size'));
  return {
    kind: KINDS.find((k) => k === params.get('kind')) ?? 'outgoing',
    view: {
      // As the service defaults: this year so far, in Vietnam.
      from: day('from', `${today.slice(0, 4)}-01-01`),
      to: day('to', today),
      page: Number.isInteger(page) && page >= 1 ? page : 1,
      pageSize: PAGE_SIZES.find((s) => s === size) ?? 20,
    },
  };
}

/**
 * The organisation's registers (sổ đăng ký văn bản đi, đến) for a period, a page at a time as
 * the service pages them, and the whole period as CSV for a spreadsheet.
 */
export default function RegistersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { kind, view } = readView(params);
  const valid = view.from <= view.to;
  const download = useMutation({ mutationFn: () => downloadRegisterCsv(kind, view) });

  const change = (values: Record<string, string | number>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(values)) next.set(name, String(value));
    setParams(next, { replace: true });
  };
  const onPagination = (updater: Updater<PaginationState>) => {
    change(pageAfter(view, updater));
  };

  return (
    <Stack>
      <Title order={1}>{t('registers.title')}</Title>
      <Tabs value={kind} onChange={(value) => value && change({ kind: value, page: 1 })} keepMounted={false}>
        <Tabs.List aria-label={t('registers.title')}>
          {KINDS.map((k) => (
            <Tabs.Tab key={k} value={k}>
              {t(`registers.kinds.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Group align="flex-end" my="md">
          <TextInput type="date" label={t('registers.from')} value={view.from} max={view.to} onChange={(e) => DAY.test(e.currentTarget.value) && change({ from: e.currentTarget.value, page: 1 })} />
          <TextInput
            type="date"
            label={t('registers.to')}
            value={view.to}
            min={view.from}
            onChange={(e) => DAY.test(e.currentTarget.value) && change({ to: e.currentTarget.value, page: 1 })}
            error={valid ? undefined : t('registers.periodInvalid')}
          />
          <Button variant="default" onClick={() => download.mutate()} loading={download.isPending} disabled={!valid}>
            {t('registers.downloadCsv')}
          </Button>
        </Group>
        {download.isError && <ProblemAlert error={download.error} title={t('registers.downloadFailed')} />}
        {KINDS.map((k) => (
          <Tabs.Panel key={k} value={k}>
            {k === 'outgoing' ? <OutgoingRegister view={view} valid={valid} onPagination={onPagination} /> : <IncomingRegister view={view} valid={valid} onPagination={onPagination} />}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
