/**
 * Subcontractor chain checks. Tier 1 is a subcontractor of the supplier itself, tier 2 its
 * subcontractor, and so on. The contract states how many tiers it allows (0 = none).
 */

export interface SubcontractorLink {
  id: string;
  /** 1 = direct subcontractor of the supplier. */
  tier: number;
  approved: boolean;
}

export type ChainWarning =
  /** Deeper than the contract allows (red flag "fler led än avtalet tillåter"). */
  | { code: 'chain_too_deep'; maxTiers: number; deepestTier: number; subcontractorIds: string[] }
  /** Registered but not approved by the administration. */
  | { code: 'subcontractor_not_approved'; subcontractorIds: string[] }
  /** A tier is present while a tier above it is empty: an unreported link is likely. */
  | { code: 'chain_gap'; missingTiers: number[] };

/** Warnings for a contract's registered chain, in the order above; empty when all is in order. */
export function checkSubcontractorChain(
  links: readonly SubcontractorLink[],
  maxTiers: number,
): ChainWarning[] {
  if (!Number.isInteger(maxTiers) || maxTiers < 0) {
    throw new RangeError('maxTiers must be an integer ≥ 0');
  }
  for (const l of links) {
    if (!Number.isInteger(l.tier) || l.tier < 1)
      throw new RangeError('tier must be an integer ≥ 1');
  }
  const warnings: ChainWarning[] = [];
  const tooDeep = links.filter((l) => l.tier > maxTiers);
  if (tooDeep.length > 0) {
    warnings.push({
      code: 'chain_too_deep',
      maxTiers,
      deepestTier: Math.max(...tooDeep.map((l) => l.tier)),
      subcontractorIds: tooDeep.map((l) => l.id),
    });
  }
  const unapproved = links.filter((l) => !l.approved);
  if (unapproved.length > 0) {
    warnings.push({
      code: 'subcontractor_not_approved',
      subcontractorIds: unapproved.map((l) => l.id),
    });
  }
  const tiers = new Set(links.map((l) => l.tier));
  const deepest = links.length > 0 ? Math.max(...tiers) : 0;
  const missingTiers: number[] = [];
  for (let t = 1; t < deepest; t++) if (!tiers.has(t)) missingTiers.push(t);
  if (missingTiers.length > 0) warnings.push({ code: 'chain_gap', missingTiers });
  return warnings;
}
