import { DEMO_ORGANISATIONS } from '@vanthu/shared';
import { OrgTree } from '../../src/directory/org-tree';

const demo = () => new OrgTree(DEMO_ORGANISATIONS.map(({ code, name, level, parent }) => ({ code, name, level, ...(parent && { parent }) })));

describe('the organisation tree', () => {
  it('knows each organisation of the demo province and where it sits', () => {
    const tree = demo();
    expect(tree.organisation('BS-TL-VP')).toMatchObject({ code: 'BS-TL-VP', level: 'office', parent: 'BS-TL-DU' });
    expect(tree.organisation('NOWHERE')).toBeUndefined();
    expect(tree.ancestors('BS-TL-VP')).toEqual(['BS-TL-DU', 'BS-TU', 'TW']);
    expect(tree.ancestors('TW')).toEqual([]);
  });

  it('says below only for organisations strictly under, at any depth', () => {
    const tree = demo();
    expect(tree.isBelow('BS-TL-DU', 'BS-TU')).toBe(true);
    expect(tree.isBelow('BS-TL-XDD', 'BS-TU')).toBe(true);
    expect(tree.isBelow('BS-TL-XDD', 'TW')).toBe(true);
    expect(tree.isBelow('BS-TU', 'BS-TU')).toBe(false);
    expect(tree.isBelow('BS-TU', 'BS-TL-DU')).toBe(false);
    // Siblings and cousins are not below one another: a commune cannot task the other commune's office.
    expect(tree.isBelow('BS-HB-DU', 'BS-TL-DU')).toBe(false);
    expect(tree.isBelow('BS-TL-VP', 'BS-HB-DU')).toBe(false);
    expect(tree.isBelow('BS-TL-VP', 'BS-TL-XDD')).toBe(false);
    expect(tree.isBelow('NOWHERE', 'BS-TU')).toBe(false);
  });

  it('lists the children and the whole subtree, the organisation itself first', () => {
    const tree = demo();
    expect(tree.children('BS-TU').map((o) => o.code)).toEqual(['BS-HB-DU', 'BS-TL-DU']);
    expect(tree.children('BS-TL-VP')).toEqual([]);
    expect(tree.subtree('BS-TU')).toEqual(['BS-TU', 'BS-HB-DU', 'BS-TL-DU', 'BS-TL-VP', 'BS-TL-XDD']);
    expect(tree.subtree('BS-TL-XDD')).toEqual(['BS-TL-XDD']);
    expect(tree.subtree('NOWHERE')).toEqual([]);
  });

  it('does not let a caller change the tree through what it returns', () => {
    const tree = demo();
    tree.children('BS-TU').pop();
    expect(tree.children('BS-TU')).toHaveLength(2);
  });

  it('keeps an organisation whose parent is not announced yet apart, until the parent arrives', () => {
    const early = new OrgTree([
      { code: 'P', name: 'Province', level: 'province' },
      { code: 'C', name: 'Commune', level: 'commune', parent: 'LATE' },
    ]);
    expect(early.isBelow('C', 'P')).toBe(false);
    expect(early.subtree('P')).toEqual(['P']);
    expect(early.ancestors('C')).toEqual([]);
    const complete = new OrgTree([
      { code: 'P', name: 'Province', level: 'province' },
      { code: 'LATE', name: 'District', level: 'commune', parent: 'P' },
      { code: 'C', name: 'Commune', level: 'commune', parent: 'LATE' },
    ]);
    expect(complete.isBelow('C', 'P')).toBe(true);
    expect(complete.subtree('P')).toEqual(['P', 'LATE', 'C']);
  });

  it('terminates on a cycle in bad data instead of looping', () => {
    const tree = new OrgTree([
      { code: 'A', name: 'A', level: 'commune', parent: 'B' },
      { code: 'B', name: 'B', level: 'commune', parent: 'A' },
    ]);
    expect(tree.ancestors('A')).toEqual(['B']);
    expect(tree.isBelow('A', 'A')).toBe(false);
    expect(tree.subtree('A')).toEqual(['A', 'B']);
  });
});
