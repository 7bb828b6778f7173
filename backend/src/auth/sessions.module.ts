import { Module } from '@nestjs/common';
import { SessionsRepository } from './sessions.repository';

/** Session storage, shared by sign-in (auth) and user administration (revocation). */
@Module({ providers: [SessionsRepository], exports: [SessionsRepository] })
export class SessionsModule {}
