/*
 * Request validation against a service's OpenAPI document, for the services whose API has one.
 * A subpath of its own (`@vanthu/shared/openapi`), so the processes that never validate a
 * request (workers, the CLI) do not load the validator.
 */
export * from './openapi-document';
export * from './openapi-validation';
