import { z } from 'zod';
import { Problem, toProblem } from '../../src';

describe('problem details', () => {
  it('carries a stable reason and the field at fault', () => {
    const body = new Problem(400, 'unknown-document-type', 'XX is not a document type.', { field: 'type' }).toBody('/v1/documents');
    expect(body).toEqual({
      type: 'urn:vanthu:problem:unknown-document-type',
      title: 'Bad request',
      status: 400,
      detail: 'XX is not a document type.',
      reason: 'unknown-document-type',
      field: 'type',
      instance: '/v1/documents',
    });
  });

  it('turns a validation error into a 400 that lists every field', () => {
    const schema = z.object({ subject: z.string().min(1), pages: z.number().int().positive() });
    const result = schema.safeParse({ subject: '', pages: -1 });
    const problem = toProblem(result.error);
    expect(problem.status).toBe(400);
    expect(problem.reason).toBe('validation-failed');
    expect(problem.field).toBe('subject');
    expect(problem.errors?.map((e) => e.field)).toEqual(['subject', 'pages']);
  });

  it('maps body-parser errors to 413 and 400, and anything else to a 500 that reveals nothing', () => {
    expect(toProblem({ type: 'entity.too.large', limit: 10 }).status).toBe(413);
    expect(toProblem({ type: 'entity.parse.failed' }).reason).toBe('malformed-json');
    const internal = toProblem(new Error('password=hunter2 leaked from a driver'));
    expect(internal.status).toBe(500);
    expect(internal.detail).not.toMatch(/hunter2/);
  });
});
