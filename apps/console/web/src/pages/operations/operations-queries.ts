import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { archive, currentToken, dataOf, intake, tracking } from '../../api/clients';
import type { components as ArchiveSchemas } from '../../api/generated/archive';
import type { components as IntakeSchemas } from '../../api/generated/intake';
import type { components as TrackingSchemas } from '../../api/generated/tracking';
import { ApiProblem } from '../../api/problem';
import type { Role } from '../../auth/claims';

export type DocumentFigures = IntakeSchemas['schemas']['DocumentFigures'];
export type ProcessingFigures = IntakeSchemas['schemas']['ProcessingFigures'];
export type DeadlineFigures = IntakeSchemas['schemas']['DeadlineFigures'];
export type TaskFigures = TrackingSchemas['schemas']['FiguresResult'];
export type TreeHead = ArchiveSchemas['schemas']['SignedTreeHead'];
export type FixityAuditSummary = ArchiveSchemas['schemas']['FixityAuditSummary'];

/** The organisation the centre shows (with those below it) and the period of the intake figures, as the address bar holds them. */
export interface OperationsView {
  org: string;
  from: string;
  to: string;
}

/** Figures are of now: asked again when the page is shown again, and every minute while it is open. */
const FIGURES_REFRESH_MS = 60_000;

export function useDocumentFigures(view: OperationsView, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['intake', 'figures', 'documents', view],
    queryFn: () => dataOf(intake.GET('/v1/figures/documents', { params: { query: view } })),
    placeholderData: keepPreviousData,
    refetchInterval: FIGURES_REFRESH_MS,
  });
}

export function useProcessingFigures(view: OperationsView, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['intake', 'figures', 'processing', view],
    queryFn: () => dataOf(intake.GET('/v1/figures/processing', { params: { query: view } })),
    placeholderData: keepPreviousData,
    refetchInterval: FIGURES_REFRESH_MS,
  });
}

/** Near or past their deadline now (the service's window: the next 2 days). */
export function useDeadlineFigures(org: string) {
  return useQuery({
    queryKey: ['intake', 'figures', 'deadlines', org],
    queryFn: () => dataOf(intake.GET('/v1/figures/deadlines', { params: { query: { org } } })),
    placeholderData: keepPreviousData,
    refetchInterval: FIGURES_REFRESH_MS,
  });
}

/**
 * The tasks the organisation assigned, by lead organisation, as of now, whatever their deadline:
 * a task due next month is as much the commune's obligation as one due this week.
 */
export function useTaskFigures(org: string) {
  return useQuery({
    queryKey: ['tracking', 'figures', org],
    queryFn: async () => {
      const figures = await dataOf(tracking.GET('/v1/figures', { params: { query: { org, groupBy: 'leadOrg' } } }));
      if (typeof figures === 'string') throw new ApiProblem(406, 'not-json', 'The figures came back as CSV where JSON was asked for.');
      return figures;
    },
    placeholderData: keepPreviousData,
    refetchInterval: FIGURES_REFRESH_MS,
  });
}

/*
 * The archive decides who reads what (services/archive/src/api/rights.ts): its packages are for
 * archivists and leaders, its fixity audits for administrators. A figure the person's role cannot
 * read is not asked for; the block says whose it is.
 */
export const ARCHIVE_PACKAGE_READERS: readonly Role[] = ['archivist', 'leader'];
export const ARCHIVE_AUDITORS: readonly Role[] = ['admin'];

/** The organisation's archived packages (the search's total: only one's own organisation's are searched). */
export function useArchivedPackages(enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: ['archive', 'packages', 'count'],
    queryFn: async () => (await dataOf(archive.GET('/v1/packages', { params: { query: { pageSize: 1 } } }))).total,
    refetchInterval: FIGURES_REFRESH_MS,
    retry: false,
  });
}

/** The log's size: every package of the archive has its leaf. Public, like every tree head. */
export function useLogHead() {
  return useQuery({ queryKey: ['archive', 'log', 'tree-head'], queryFn: () => dataOf(archive.GET('/v1/log/tree-head')), refetchInterval: FIGURES_REFRESH_MS });
}

/** The newest fixity audit, or null when none has run (administrators only: the archive refuses others). */
export function useLastFixityAudit(enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: ['archive', 'fixity-audits', 'last'],
    queryFn: async (): Promise<FixityAuditSummary | null> => (await dataOf(archive.GET('/v1/fixity-audits'))).items[0] ?? null,
    refetchInterval: FIGURES_REFRESH_MS,
    retry: false,
  });
}

export interface ProcessHealth {
  service: string;
  role: 'api' | 'worker';
  up: boolean;
  ready: boolean;
  status: string;
  failingChecks: Array<{ name: string; error?: string }>;
  error?: string;
  metricsError?: string;
  outboxBacklog?: number;
  consumerLag: Array<{ group: string; topic: string; lag: number }>;
  taskQueues: Array<{ taskQueue: string; type: string; backlog: number; oldestAgeSeconds?: number }>;
  requestRate?: number;
  errorRate?: number;
  unavailableSources: string[];
  scrapedAt: string;
}

export interface PlatformHealth {
  scrapedAt: string;
  processes: ProcessHealth[];
}

/** How often the platform's health is asked for; the console's server reads the processes at most every few seconds for everyone. */
export const PLATFORM_REFRESH_MS = 10_000;

/** GET /api/platform/health: the console server's own route (apps/console/server/src/platform). */
export function usePlatformHealth() {
  return useQuery({
    queryKey: ['platform', 'health'],
    queryFn: async ({ signal }): Promise<PlatformHealth> => {
      const token = currentToken();
      let response: Response;
      try {
        response = await fetch('/api/platform/health', { headers: token ? { authorization: `Bearer ${token}` } : {}, signal });
      } catch (error) {
        throw ApiProblem.network(error);
      }
      if (!response.ok) throw await ApiProblem.from(response);
      return (await response.json()) as PlatformHealth;
    },
    refetchInterval: PLATFORM_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}
