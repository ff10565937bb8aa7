import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyRepository } from '../api-keys/api-key.repository.js';
import { ApiKeysController } from '../api-keys/api-keys.controller.js';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import { AssignmentRepository } from '../assignments/assignment.repository.js';
import { AssignmentsController } from '../assignments/assignments.controller.js';
import { AssignmentsService } from '../assignments/assignments.service.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { UserRepository } from '../users/user.repository.js';
import { UsersController } from '../users/users.controller.js';
import { UsersService } from '../users/users.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { OidcController } from './oidc.controller.js';
import { OidcService } from './oidc.service.js';
import { SessionRepository } from './session.repository.js';

/** Accounts: sign-in, sessions, users, API keys, assignments; the guard in front of every route. */
@Module({
  imports: [CatalogModule],
  controllers: [
    AuthController,
    OidcController,
    UsersController,
    ApiKeysController,
    AssignmentsController,
  ],
  providers: [
    AuthService,
    OidcService,
    SessionRepository,
    UserRepository,
    UsersService,
    ApiKeyRepository,
    ApiKeysService,
    AssignmentRepository,
    AssignmentsService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, AssignmentsService],
})
export class AccountsModule {}
