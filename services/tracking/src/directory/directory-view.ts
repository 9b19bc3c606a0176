import type { OrgLevel, Role } from '@vanthu/shared';

export interface OrgNode {
  code: string;
  name: string;
  level: OrgLevel;
  parent?: string;
}

export interface DirectoryUser {
  userId: string;
  fullName: string;
  org: string;
  role: Role;
}

/**
 * The organisation tree as tracking knows it from the directory events: what decides "within
 * one's own hierarchy" and the drill-down from the province to each commune.
 */
export interface DirectoryView {
  organisation(code: string): OrgNode | undefined;
  /** True when `code` is strictly below `ancestor` (at any depth). */
  isBelow(code: string, ancestor: string): boolean;
  children(code: string): OrgNode[];
  /** `code` and every organisation below it. */
  subtree(code: string): string[];
  /** From the parent up to the top. */
  ancestors(code: string): string[];
}

/** Gives the current view; reloads from the database when it may be stale. */
export interface DirectoryReader {
  view(): Promise<DirectoryView>;
}
