import type { JsonSchema } from './json-schema';

/** One entry of the event catalogue: a public contract other systems code against. */
export interface EventSpec {
  /** e.g. `document.issued`. */
  type: string;
  /** Major version; a breaking change is a new version on a new topic. */
  version: number;
  topic: string;
  /** Which field of `data` is the Kafka key (and the envelope's `subject`). */
  key: string;
  summary: string;
  /** Schema of the envelope's `data`. */
  data: JsonSchema;
}
