import type { Schema } from './json-schema';

/** One entry of the event catalogue: a public contract other systems code against. */
export interface EventSpec<T extends string = string, D = unknown> {
  /** e.g. `document.issued`. */
  type: T;
  /** Major version; a breaking change is a new version on a new topic. */
  version: number;
  topic: string;
  /** Which field of `data` is the Kafka key (and the envelope's `subject`). */
  key: string;
  summary: string;
  /** Schema of the envelope's `data`; its static type is the data's TypeScript type. */
  data: Schema<D>;
}

/** States one catalogue entry, keeping its type name and data type for the compiler. */
export const defineEvent = <const T extends string, D>(spec: EventSpec<T, D>): EventSpec<T, D> => spec;
