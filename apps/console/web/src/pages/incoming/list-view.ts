import type { PaginationState, Updater } from '@tanstack/react-table';
import { useSearchParams } from 'react-router';
import { PAGE_SIZES, pageAfter } from '../../components/data-table';
import { RECIPIENT_STATUSES, type IncomingListView } from './incoming-query';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A list of copies' filters and page, kept in the address bar so a view can be bookmarked and
 * shared; a change of filter starts again at the first page.
 */
export function useListView() {
  const [params, setParams] = useSearchParams();
  const day = (name: string) => {
    const value = params.get(name);
    return value && DAY.test(value) ? value : undefined;
  };
  const page = Number(params.get('page'));
  const size = Number(params.get('size'));
  const status = RECIPIENT_STATUSES.find((s) => s === params.get('status'));
  const from = day('from');
  const to = day('to');
  const view: IncomingListView = {
    ...(status && { status }),
    ...(from && { from }),
    ...(to && { to }),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: PAGE_SIZES.find((s) => s === size) ?? 20,
  };

  const change = (values: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined || value === '') next.delete(name);
      else next.set(name, String(value));
    }
    setParams(next, { replace: true });
  };
  const onPagination = (updater: Updater<PaginationState>) => {
    change(pageAfter(view, updater));
  };
  const filter = (values: Record<string, string | undefined>) => change({ ...values, page: 1 });
  return { view, valid: !from || !to || from <= to, filter, onPagination };
}
