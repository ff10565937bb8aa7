import { Module } from '@nestjs/common';
import { SessionRepository } from './session.repository.js';
import { SessionsService } from './sessions.service.js';

/** Sessions of signed-in users: sign-in starts them, the guard finds them, account changes end them. */
@Module({ providers: [SessionRepository, SessionsService], exports: [SessionsService] })
export class SessionsModule {}
