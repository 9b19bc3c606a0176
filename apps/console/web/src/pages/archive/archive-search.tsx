import { Anchor, Button, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { createColumnHelper, useTable, type PaginationState, type Updater } from '@tanstack/react-table';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useOrganisations } from '../../api/directory';
import { DataTable, PAGE_SIZES, pageAfter, pagedTable } from '../../components/data-table';
import { ProblemAlert } from '../../components/problem-alert';
import { SecrecyMark } from '../../components/secrecy-mark';
import { formatDay } from '../../i18n/vietnam-time';
import { usePackageSearch, type PackageSummary, type SearchQuery } from './archive-queries';
import { SealedMark } from './sealed-mark';
import { useArchiveTexts } from './texts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DOCUMENT_TYPES = ['NQ', 'QD', 'CT', 'KL', 'QDi', 'QC', 'TB', 'HD', 'BC', 'KH', 'CTr', 'TT', 'CV', 'TTr', 'BB', 'DA'] as const;
const FILTERS = ['number', 'notation', 'issuer', 'type', 'issuedFrom', 'issuedTo', 'q'] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Record<Filter, string>;

const helper = createColumnHelper<typeof pagedTable, PackageSummary>();
const NO_ROWS: PackageSummary[] = [];

/** The search as the address bar holds it: a search can be bookmarked, shared and gone back to. */
function readSearch(params: URLSearchParams): { filters: Filters; page: number; pageSize: number } {
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ''])) as Filters;
  const page = Number(params.get('page'));
  const size = Number(params.get('size'));
  return { filters, page: Number.isInteger(page) && page >= 1 ? page : 1, pageSize: PAGE_SIZES.find((s) => s === size) ?? 20 };
}

/** What the form holds, as the archive's query; a malformed value is left for the form to point at. */
function queryOf(filters: Filters, page: number, pageSize: number): SearchQuery {
  const number = Number(filters.number);
  return {
    ...(Number.isInteger(number) && number >= 1 && { number }),
    ...(filters.notation.trim() && { notation: filters.notation.trim() }),
    ...(filters.issuer && { issuer: filters.issuer }),
    ...(filters.type && { type: filters.type as SearchQuery['type'] }),
    ...(DAY.test(filters.issuedFrom) && { issuedFrom: filters.issuedFrom }),
    ...(DAY.test(filters.issuedTo) && { issuedTo: filters.issuedTo }),
    ...(filters.q.trim() && { q: filters.q.trim() }),
    page,
    pageSize,
  };
}

function problemsOf(filters: Filters, t: (key: string) => string): Partial<Record<Filter, string>> {
  const problems: Partial<Record<Filter, string>> = {};
  if (filters.number && !/^[1-9]\d{0,8}$/.test(filters.number)) problems.number = t('search.numberInvalid');
  if (DAY.test(filters.issuedFrom) && DAY.test(filters.issuedTo) && filters.issuedFrom > filters.issuedTo) problems.issuedTo = t('search.periodInvalid');
  return problems;
}

/** The search's fields, as the person fills them in; searched when submitted (Enter, or the button). */
function SearchForm({ initial, problems, onSearch }: { initial: Filters; problems: Partial<Record<Filter, string>>; onSearch: (filters: Filters) => void }) {
  const { t } = useArchiveTexts();
  const [form, setForm] = useState<Filters>(initial);
  const organisations = useOrganisations();
  const set = (name: Filter) => (value: string | null) => setForm((f) => ({ ...f, [name]: value ?? '' }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(form);
  };
  const clear = () => {
    const empty = Object.fromEntries(FILTERS.map((name) => [name, ''])) as Filters;
    setForm(empty);
    onSearch(empty);
  };

  return (
    <form onSubmit={submit} role="search" aria-label={t('search.label')}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <TextInput label={t('search.q')} description={t('search.qHint')} maxLength={200} value={form.q} onChange={(e) => set('q')(e.currentTarget.value)} />
        <TextInput label={t('search.notation')} placeholder="04-NQ/TU" maxLength={64} value={form.notation} onChange={(e) => set('notation')(e.currentTarget.value)} />
        <NumberInput label={t('search.number')} min={1} allowDecimal={false} allowNegative={false} value={form.number} onChange={(value) => set('number')(String(value))} error={problems.number} />
        <Select
          label={t('search.type')}
          data={[{ value: '', label: t('search.anyType') }, ...DOCUMENT_TYPES.map((type) => ({ value: type, label: t(`documentTypes.${type}`) }))]}
          value={form.type}
          onChange={set('type')}
          allowDeselect={false}
        />
        <Select
          label={t('search.issuer')}
          data={[{ value: '', label: t('search.anyIssuer') }, ...(organisations.data?.items.map((o) => ({ value: o.code, label: o.name })) ?? [])]}
          value={form.issuer}
          onChange={set('issuer')}
          allowDeselect={false}
          searchable
        />
        <TextInput type="date" label={t('search.issuedFrom')} value={form.issuedFrom} max={form.issuedTo || undefined} onChange={(e) => set('issuedFrom')(e.currentTarget.value)} />
        <TextInput type="date" label={t('search.issuedTo')} value={form.issuedTo} min={form.issuedFrom || undefined} onChange={(e) => set('issuedTo')(e.currentTarget.value)} error={problems.issuedTo} />
        <Group align="flex-end" gap="sm">
          <Button type="submit">{t('search.submit')}</Button>
          <Button type="button" variant="default" onClick={clear}>
            {t('search.clear')}
          </Button>
        </Group>
      </SimpleGrid>
    </form>
  );
}

/**
 * Tra cứu lưu trữ: the organisation's archived documents, found by number, notation, issuer,
 * type, issue dates and words of the subject (with or without diacritics), a page at a time as
 * the archive pages them. A sealed (secret) package is marked in red; its subject stays sealed.
 */
export function ArchiveSearch() {
  const { t, i18n } = useArchiveTexts();
  const language = i18n.language;
  const [params, setParams] = useSearchParams();
  const { filters, page, pageSize } = readSearch(params);
  const problems = problemsOf(filters, t);
  const valid = Object.keys(problems).length === 0;
  const query = queryOf(filters, page, pageSize);
  const found = usePackageSearch(query, valid);
  // The package's page links back to this very search.
  const search = params.toString();

  const show = (values: Partial<Filters> & { page?: number; size?: number }) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(values)) {
      if (value === '' || value === undefined) next.delete(name);
      else next.set(name, String(value));
    }
    setParams(next);
  };
  const onPagination = (updater: Updater<PaginationState>) => {
    show(pageAfter({ page, pageSize }, updater));
  };

  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor((row) => row.metadata.number, { id: 'number', header: t('columns.number') }),
        helper.accessor((row) => row.metadata.notation, {
          id: 'notation',
          header: t('columns.notation'),
          cell: (info) => (
            <Anchor component={Link} to={`/archive/${encodeURIComponent(info.row.original.packageId)}`} state={{ search }} size="sm" fw={500}>
              {info.getValue()}
            </Anchor>
          ),
        }),
        helper.accessor((row) => row.metadata.issuedAt, { id: 'issuedAt', header: t('columns.issuedAt'), cell: (info) => formatDay(info.getValue(), language) }),
        helper.accessor((row) => row.metadata.type, { id: 'type', header: t('columns.type'), cell: (info) => t(`documentTypes.${info.getValue()}`, { defaultValue: info.getValue() }) }),
        helper.accessor((row) => row.metadata.subject, {
          id: 'subject',
          header: t('columns.subject'),
          cell: (info) => (info.row.original.sealed ? <SealedMark /> : info.getValue()),
        }),
        helper.accessor((row) => row.metadata.issuerName, { id: 'issuer', header: t('columns.issuer') }),
        helper.accessor((row) => row.metadata.secrecy, { id: 'secrecy', header: t('columns.secrecy'), cell: (info) => <SecrecyMark secrecy={info.getValue()} /> }),
        helper.accessor('archivedAt', { header: t('columns.archivedAt'), cell: (info) => formatDay(info.getValue(), language) }),
      ]),
    [t, language, search],
  );
  const table = useTable({
    features: pagedTable,
    columns,
    data: found.data?.items ?? NO_ROWS,
    rowCount: found.data?.total ?? 0,
    manualPagination: true,
    state: { pagination: { pageIndex: page - 1, pageSize } },
    onPaginationChange: onPagination,
    getRowId: (row) => row.packageId,
  });

  return (
    <Stack>
      <Title order={1}>{t('title')}</Title>
      <SearchForm key={FILTERS.map((name) => filters[name]).join('|')} initial={filters} problems={problems} onSearch={(values) => show({ ...values, page: 1 })} />
      {found.isError ? (
        <ProblemAlert error={found.error} />
      ) : (
        <DataTable
          table={table}
          total={found.data?.total ?? 0}
          caption={t('results.caption')}
          empty={found.isPending && valid ? t('app.loading') : t('results.empty')}
        />
      )}
      <Text size="xs" c="dimmed">
        {t('search.scope')}
      </Text>
    </Stack>
  );
}
