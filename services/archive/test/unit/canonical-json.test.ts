import { canonicalJson, plainJson } from '../../src/packages/canonical-json';

describe('canonical JSON', () => {
  it('does not depend on the order of keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, 'x'] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('hashes a record the same before and after the database drops undefined fields', () => {
    const given = { subject: 'Nghị quyết', dueDate: undefined, list: [1, 2] };
    expect(canonicalJson(plainJson(given))).toBe(canonicalJson(given));
    expect(canonicalJson(given)).toBe('{"list":[1,2],"subject":"Nghị quyết"}');
  });
});
