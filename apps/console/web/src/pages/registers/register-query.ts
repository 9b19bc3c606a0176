import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { dataOf, intake } from '../../api/clients';
import type { components } from '../../api/generated/intake';
import { ApiProblem } from '../../api/problem';

export type RegisterKind = 'outgoing' | 'incoming';
export type OutgoingRow = components['schemas']['OutgoingRegisterRow'];
export type IncomingRow = components['schemas']['IncomingRegisterRow'];

/** A register's period and page, as the address bar holds them. */
export interface RegisterView {
  from: string;
  to: string;
  page: number;
  pageSize: number;
}

/** The JSON form of a register (the same operation answers CSV, asked for it). */
function json<T>(data: T | string): T {
  if (typeof data === 'string') throw new ApiProblem(406, 'not-json', 'The register came back as CSV where JSON was asked for.');
  return data;
}

const query = (view: RegisterView) => ({ from: view.from, to: view.to, page: view.page, pageSize: view.pageSize });

/** One page of a register; the previous page stays shown while the next one loads. */
export function useOutgoingRegister(view: RegisterView, enabled: boolean) {
  return useQuery({
    queryKey: ['intake', 'registers', 'outgoing', view],
    queryFn: async () => json(await dataOf(intake.GET('/v1/registers/outgoing', { params: { query: query(view) } }))),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useIncomingRegister(view: RegisterView, enabled: boolean) {
  return useQuery({
    queryKey: ['intake', 'registers', 'incoming', view],
    queryFn: async () => json(await dataOf(intake.GET('/v1/registers/incoming', { params: { query: query(view) } }))),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * The whole period as the service writes it for spreadsheets (UTF-8 with a byte-order mark,
 * Vietnamese headers), saved under the name the service gives it.
 */
export async function downloadRegisterCsv(kind: RegisterKind, view: Pick<RegisterView, 'from' | 'to'>): Promise<void> {
  const options = { params: { query: { from: view.from, to: view.to, format: 'csv' as const } }, parseAs: 'blob' as const };
  const { data, response } = kind === 'outgoing' ? await intake.GET('/v1/registers/outgoing', options) : await intake.GET('/v1/registers/incoming', options);
  if (!data) return;
  const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(data as Blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = named ?? `${kind}-${view.from}-${view.to}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
