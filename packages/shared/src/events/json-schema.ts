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

export const str = (description: string, extra: Partial<JsonSchema> = {}): JsonSchema => ({ type: 'string', description, ...extra });
export const int = (description: string, minimum = 0): JsonSchema => ({ type: 'integer', description, minimum });
export const bool = (description: string): JsonSchema => ({ type: 'boolean', description });
export const oneOf = (description: string, values: readonly string[]): JsonSchema => ({ type: 'string', description, enum: values });
export const nullable = (schema: JsonSchema): JsonSchema => ({
  ...schema,
  type: [schema.type as 'string', 'null'],
  ...(schema.enum && { enum: [...schema.enum, null] }),
});
export const sha256 = (description: string): JsonSchema => str(description, { pattern: '^[0-9a-f]{64}$' });
export const timestamp = (description: string): JsonSchema => str(description, { format: 'date-time' });

/** A closed object: every field documented, anything else a contract violation. */
export function object(properties: Record<string, JsonSchema>, required: string[], description?: string): JsonSchema {
  return { type: 'object', ...(description && { description }), properties, required, additionalProperties: false };
}
