import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../core/audit/audit.service';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import { Clock } from '../core/clock/clock';
import { PasswordHasher } from '../core/crypto/password-hasher';
import { Db } from '../core/database/db';
import { OrgUnitEntity } from '../org/entities/org-unit.entity';
import { newUnit } from '../org/new-unit';
import { RoleAssignmentEntity } from '../users/entities/role-assignment.entity';
import { UserEntity } from '../users/entities/user.entity';
import { newUser } from '../users/new-user';
import { SupplierFlagEntity } from '../suppliers/entities/supplier-flag.entity';
import { SupplierEntity } from '../suppliers/entities/supplier.entity';
import { newSupplier, withFlags } from '../suppliers/new-supplier';
import { DemoCases } from './demo-cases';
import { seedDemoIncidentFacts } from './demo-incident-facts';
import { seedDemoAudits } from './demo-audits';
import { seedDemoAuditFindings } from './demo-audit-findings';
import { seedDemoContracts } from './demo-contracts';
import { seedDemoGuidance } from './demo-guidance';
import { seedDemoGiftsDeclarations } from './demo-gifts-declarations';
import { seedDemoRisks } from './demo-risks';
import { DEMO_SUPPLIERS, demoOrganisationNumbers } from './demo-suppliers';
import { DEMO_ACCOUNTS, DEMO_ORG, DEMO_PASSWORD, DEMO_STAFF, DemoUnit } from './demo-data';

/**
 * Creates the demo organisation and one account per role. Refuses outside demo/test, and only
 * seeds an empty database, so it can never add known passwords to a real installation.
 * Later features add their demo data here.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly db: Db,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly demoCases: DemoCases,
  ) {}

  /** Returns true when data was created, false when the database already had an organisation. */
  async seedIfEmpty(): Promise<boolean> {
    if (this.config.env === 'production' || (!this.config.demo && this.config.env !== 'test')) {
      throw new Error(
        'Demo data is only created in demo mode (VARN_DEMO=true), never in production.',
      );
    }
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    return this.db.transaction(async () => {
      if ((await this.db.repo(OrgUnitEntity).count()) > 0) return false;
      const now = this.clock.now();
      const units = new Map<string, OrgUnitEntity>();
      const addUnit = async (u: DemoUnit, parent: OrgUnitEntity | null) => {
        const entity = newUnit({ name: u.name, kind: u.kind, parent }, now);
        await this.db.repo(OrgUnitEntity).insert(entity);
        units.set(u.key, entity);
        for (const c of u.children ?? []) await addUnit(c, entity);
      };
      await addUnit(DEMO_ORG, null);
      const unitId = (key: string) => {
        const u = units.get(key);
        if (!u) throw new Error(`Unknown demo unit ${key}`);
        return u.id;
      };

      const makeUser = (
        username: string,
        displayName: string,
        unit: string,
        hash: string | null,
      ): UserEntity => {
        return newUser(
          {
            username,
            displayName,
            email: `${username.includes('.') ? username : username + '.demo'}@trafik.example.se`,
            unitId: unitId(unit),
            passwordHash: hash,
          },
          now,
        );
      };
      const assignments: RoleAssignmentEntity[] = [];
      for (const a of DEMO_ACCOUNTS) {
        const user = makeUser(a.username, a.displayName, a.unit, passwordHash);
        await this.db.repo(UserEntity).insert(user);
        for (const [role, unit] of a.roles) {
          assignments.push({
            id: randomUUID(),
            userId: user.id,
            role,
            unitId: unitId(unit),
            createdAt: now,
            createdBy: null,
          });
        }
      }
      for (const [username, name, unit] of DEMO_STAFF) {
        const user = makeUser(username, name, unit, null);
        await this.db.repo(UserEntity).insert(user);
        assignments.push({
          id: randomUUID(),
          userId: user.id,
          role: 'medarbetare',
          unitId: user.unitId,
          createdAt: now,
          createdBy: null,
        });
      }
      await this.db.repo(RoleAssignmentEntity).insert(assignments);
      const suppliers = await this.seedSuppliers(now);
      const contracts = await seedDemoContracts(this.db, this.audit, unitId, now);
      const risks = await seedDemoRisks(this.db, this.audit, unitId, now);
      const audits = await seedDemoAudits(this.db, this.audit, unitId, now);
      const findings = await seedDemoAuditFindings(this.db, this.audit, audits, now);
      const incidentFacts = await seedDemoIncidentFacts(this.db, unitId, now);
      const cases = await this.demoCases.seed(now, unitId);
      const acknowledgements = await seedDemoGuidance(this.db, this.audit, this.clock, now);
      const giftsDeclarations = await seedDemoGiftsDeclarations(this.db, this.audit, now);
      await this.audit.record({
        action: 'demo.seeded',
        details: {
          units: units.size,
          accounts: DEMO_ACCOUNTS.length,
          staff: DEMO_STAFF.length,
          suppliers,
          contracts,
          risks,
          audits: audits.length,
          findings,
          incidentFacts,
          cases,
          acknowledgements,
          ...giftsDeclarations,
        },
      });
      this.logger.log(
        `Seeded ${units.size} units, ${DEMO_ACCOUNTS.length} demo accounts, ${DEMO_STAFF.length} colleagues`,
      );
      return true;
    });
  }

  /** The supplier register, created and flagged by the demo controller (through the factory). */
  private async seedSuppliers(now: Date): Promise<number> {
    const controller = await this.db.repo(UserEntity).findOneByOrFail({ username: 'controller' });
    const numbers = demoOrganisationNumbers(DEMO_SUPPLIERS.length);
    const created = new Date(now.getTime() - 90 * 86_400_000);
    for (const [i, d] of DEMO_SUPPLIERS.entries()) {
      const slug = d.name
        .toLocaleLowerCase('sv')
        .normalize('NFD')
        .replace(/[^a-z0-9]+/g, '')
        .slice(0, 24);
      const base = newSupplier(
        {
          name: d.name,
          organisationNumber: numbers[i],
          address: `Storgatan ${1 + (i % 40)}, ${d.city}`,
          contactName: 'Kundtjänst',
          contactEmail: `info@${slug}.example`,
          contactPhone: `0${10 + (i % 80)}-${String(100000 + i * 7919).slice(0, 6)}`,
          beneficialOwner: d.beneficialOwner ?? null,
          createdBy: controller.id,
        },
        created,
      );
      const { supplier, flags } = withFlags(base, d.flags ?? [], controller.id, now);
      await this.db.repo(SupplierEntity).insert(supplier);
      if (flags.length) await this.db.repo(SupplierFlagEntity).insert(flags);
    }
    return DEMO_SUPPLIERS.length;
  }
}
