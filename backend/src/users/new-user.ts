import { randomUUID } from 'node:crypto';
import type { UserEntity } from './entities/user.entity';

export function searchTextOf(u: Pick<UserEntity, 'displayName' | 'username' | 'email'>): string {
  return `${u.displayName} ${u.username} ${u.email ?? ''}`.toLocaleLowerCase('sv').trim();
}

/** A new, active, never-signed-in account with every bookkeeping field at its starting value. */
export function newUser(
  fields: Pick<UserEntity, 'username' | 'displayName' | 'unitId' | 'passwordHash'> &
    Partial<Pick<UserEntity, 'email' | 'mustChangePassword'>>,
  now: Date,
): UserEntity {
  const user: UserEntity = {
    id: randomUUID(),
    email: null,
    searchText: '',
    active: true,
    passwordChangedAt: fields.passwordHash ? now : null,
    mustChangePassword: false,
    failedLoginCount: 0,
    lockedUntil: null,
    lastLoginAt: null,
    previousLoginAt: null,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
  user.searchText = searchTextOf(user);
  return user;
}
