import { Injectable } from '@nestjs/common';
import type { AppAbility } from '../authz/ability';

/** Pages of the app an audit entry's object can link to. The frontend maps each to a route. */
export const AUDIT_LINK_KINDS = ['user', 'unit'] as const;
export type AuditLinkKind = (typeof AUDIT_LINK_KINDS)[number];

/** One object named by the entries of a page (the actor comes along: see `AuditLabelResolver`). */
export interface AuditObjectRef {
  objectId: string;
  actorId: string | null;
}

/** What a person recognises instead of an id: a name, and the page that shows the object. */
export interface AuditObjectLabel {
  label: string;
  link: { kind: AuditLinkKind; id: string } | null;
}

/**
 * Names the objects of one type for one page of the audit log. Called once per page with every
 * object of its type (so it must answer with ONE query, not one per object), and with the
 * reader's ability: it returns labels only for objects the reader may read, keyed by objectId.
 * Objects it leaves out are shown as type and short id.
 */
export type AuditLabelResolver = (
  refs: readonly AuditObjectRef[],
  ability: AppAbility,
) => Promise<ReadonlyMap<string, AuditObjectLabel>>;

interface LabelledEntry {
  objectType: string | null;
  objectId: string | null;
  actorId: string | null;
}

/**
 * Features register a resolver for the object types they write to the audit log, so the log can
 * show names without core depending on features (like org's UnitUsageRegistry).
 */
@Injectable()
export class AuditLabelRegistry {
  private readonly resolvers = new Map<string, AuditLabelResolver>();

  register(objectType: string, resolver: AuditLabelResolver): void {
    if (this.resolvers.has(objectType))
      throw new Error(`AuditLabelRegistry: a resolver for ${objectType} is already registered`);
    this.resolvers.set(objectType, resolver);
  }

  /**
   * Labels for the entries of one page: one resolver call per object type present, all types at
   * once. Returns a lookup by (objectType, objectId); unknown types and unreadable objects give
   * undefined.
   */
  async resolve(
    entries: readonly LabelledEntry[],
    ability: AppAbility,
  ): Promise<(objectType: string | null, objectId: string | null) => AuditObjectLabel | undefined> {
    const byType = new Map<string, Map<string, AuditObjectRef>>();
    for (const e of entries) {
      if (!e.objectType || !e.objectId || !this.resolvers.has(e.objectType)) continue;
      let refs = byType.get(e.objectType);
      if (!refs) byType.set(e.objectType, (refs = new Map<string, AuditObjectRef>()));
      refs.set(`${e.objectId}\u0000${e.actorId ?? ''}`, {
        objectId: e.objectId,
        actorId: e.actorId,
      });
    }
    const answers = await Promise.all(
      [...byType].map(async ([type, refs]) => {
        const resolver = this.resolvers.get(type);
        const labels: ReadonlyMap<string, AuditObjectLabel> = resolver
          ? await resolver([...refs.values()], ability)
          : new Map();
        return [type, labels] as const;
      }),
    );
    const found = new Map<string, ReadonlyMap<string, AuditObjectLabel>>(answers);
    return (objectType, objectId) =>
      objectType && objectId ? found.get(objectType)?.get(objectId) : undefined;
  }
}
