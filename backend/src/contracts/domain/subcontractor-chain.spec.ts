import { checkSubcontractorChain } from './subcontractor-chain';

describe('checkSubcontractorChain', () => {
  it('is quiet for an approved chain within the allowed depth', () => {
    expect(
      checkSubcontractorChain(
        [
          { id: 'a', tier: 1, approved: true },
          { id: 'b', tier: 2, approved: true },
        ],
        2,
      ),
    ).toEqual([]);
    expect(checkSubcontractorChain([], 0)).toEqual([]);
  });
  it('warns when the chain is deeper than the contract allows, naming the links', () => {
    expect(
      checkSubcontractorChain(
        [
          { id: 'a', tier: 1, approved: true },
          { id: 'b', tier: 2, approved: true },
          { id: 'c', tier: 3, approved: true },
          { id: 'd', tier: 4, approved: true },
        ],
        2,
      ),
    ).toEqual([
      { code: 'chain_too_deep', maxTiers: 2, deepestTier: 4, subcontractorIds: ['c', 'd'] },
    ]);
    expect(checkSubcontractorChain([{ id: 'a', tier: 1, approved: true }], 0)).toEqual([
      { code: 'chain_too_deep', maxTiers: 0, deepestTier: 1, subcontractorIds: ['a'] },
    ]);
  });
  it('warns about unapproved links and about gaps in the chain', () => {
    expect(
      checkSubcontractorChain(
        [
          { id: 'a', tier: 1, approved: false },
          { id: 'c', tier: 3, approved: true },
        ],
        3,
      ),
    ).toEqual([
      { code: 'subcontractor_not_approved', subcontractorIds: ['a'] },
      { code: 'chain_gap', missingTiers: [2] },
    ]);
  });
  it('refuses nonsense tiers and limits', () => {
    expect(() => checkSubcontractorChain([{ id: 'a', tier: 0, approved: true }], 2)).toThrow(
      RangeError,
    );
    expect(() => checkSubcontractorChain([], -1)).toThrow(RangeError);
    expect(() => checkSubcontractorChain([], 1.5)).toThrow(RangeError);
  });
});
