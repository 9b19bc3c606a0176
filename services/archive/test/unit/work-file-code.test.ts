import { isWorkFileCode } from '../../src/workfiles/work-file-code';

describe('work-file codes', () => {
  it('accepts plain names and refuses anything that could climb out of a bag or forge a tag line', () => {
    expect(['HS-2026-01', 'a', 'HS.2026_01', `A${'x'.repeat(63)}`].filter((c) => !isWorkFileCode(c))).toEqual([]);
    expect(['..', '../x', 'a/b', 'HS..01', '.x', '-x', '_x', ' x', 'x y', 'x\n', 'a\\b', 'Hồ-sơ', '', `A${'x'.repeat(64)}`, 42, null].filter((c) => isWorkFileCode(c))).toEqual([]);
  });
});
