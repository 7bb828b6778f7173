import { Injectable } from '@nestjs/common';
import { DeclarationsRepository } from './declarations.repository';

/**
 * The neutral flag for the contract register: which suppliers (by organisation number) a current
 * declaration names as an interest. It answers a set of numbers only — never who declared, what
 * or when — so readers of contracts (controllers, who must never read declarations) see that an
 * interest exists and nothing more. One query per call, whatever the number of contracts.
 */
@Injectable()
export class DeclaredInterests {
  constructor(private readonly declarations: DeclarationsRepository) {}

  among(organisationNumbers: readonly string[]): Promise<Set<string>> {
    return this.declarations.numbersWithInterest(organisationNumbers);
  }
}
