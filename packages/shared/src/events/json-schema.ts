/**
 * The small subset of JSON Schema (draft-07, which AsyncAPI 3 embeds) our event contracts use,
 * typed so a misspelt keyword fails the build instead of silently allowing anything.
 */
export interface JsonSchema {
  $id?: string;
  $schema?: string;
  title?: string;
  description?: string;
  type?: 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'null' | Array<'object' | 'string' | 'integer' | 'boolean' | 'null'>;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: readonly (string | number | null)[];
  const?: string | number;
  format?: 'date-time' | 'date' | 'email' | 'uri';
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  minItems?: number;
  examples?: unknown[];
}

declare const STATIC: unique symbol;

/**
 * A schema that also tells the compiler what the values it accepts look like, so the TypeScript
 * types of events come from the same builders as their JSON Schemas and cannot drift from them.
 * The marker exists only in types: the object is plain JSON Schema.
 */
export type Schema<T = unknown> = JsonSchema & { readonly [STATIC]?: T };

/** The TypeScript type of the values a schema built here accepts. */
export type Static<S> = S extends { readonly [STATIC]?: infer T } ? T : unknown;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ObjectStatic<P extends Record<string, Schema>, R extends keyof P> = Simplify<
  { [K in keyof P as K extends R ? K : never]: Static<P[K]> } & { [K in keyof P as K extends R ? never : K]?: Static<P[K]> }
>;

export const str = (description: string, extra: Partial<JsonSchema> = {}): Schema<string> => ({ type: 'string', description, ...extra });
export const int = (description: string, minimum = 0): Schema<number> => ({ type: 'integer', description, minimum });
export const bool = (description: string): Schema<boolean> => ({ type: 'boolean', description });
export const oneOf = <const V extends string>(description: string, values: readonly V[]): Schema<V> => ({ type: 'string', description, enum: values });
export const nullable = <T>(schema: Schema<T>): Schema<T | null> => ({
  ...schema,
  type: [schema.type as 'string', 'null'],
  ...(schema.enum && { enum: [...schema.enum, null] }),
});
export const sha256 = (description: string): Schema<string> => str(description, { pattern: '^[0-9a-f]{64}$' });
export const timestamp = (description: string): Schema<string> => str(description, { format: 'date-time' });
export const constant = <const V extends string>(value: V, description: string): Schema<V> => ({ type: 'string', const: value, description });
export const nothing = (description: string): Schema<null> => ({ type: 'null', description });
export const array = <T>(items: Schema<T>, description: string): Schema<T[]> => ({ type: 'array', items, description });

/** A closed object: every field documented, anything else a contract violation. */
export function object<P extends Record<string, Schema>, R extends keyof P & string = never>(properties: P, required: readonly R[], description?: string): Schema<ObjectStatic<P, R>> {
  return { type: 'object', ...(description && { description }), properties, required: [...required], additionalProperties: false };
}
